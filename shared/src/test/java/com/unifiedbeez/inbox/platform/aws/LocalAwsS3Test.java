package com.unifiedbeez.inbox.platform.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.testing.LocalAws;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/** S3 as the inbox uses it (presigned uploads and downloads), against S3Proxy through S3Module's clients. */
class LocalAwsS3Test {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aPresignedPutUploadsWithAPlainHttpPutAndHeadObjectSeesIt() throws Exception {
        String bucket = LocalAws.createBucket(LocalAws.unique("media"));
        S3Client s3 = S3Module.s3Client(LocalAws.config());
        S3Presigner presigner = S3Module.s3Presigner(LocalAws.config());
        byte[] png = new byte[70_000];
        for (int i = 0; i < png.length; i++) {
            png[i] = (byte) (i * 31);
        }
        String key = "org-1/attachments/a-1/photo.png";
        PresignedPutObjectRequest put = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(15))
                .putObjectRequest(o -> o.bucket(bucket).key(key).contentType("image/png")));
        assertThat(put.url().toString()).startsWith(LocalAws.s3Endpoint() + "/" + bucket + "/");
        assertThat(put.signedHeaders()).containsKey("content-type");

        HttpResponse<String> uploaded = HTTP.send(HttpRequest.newBuilder(put.url().toURI())
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "image/png")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(png)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);

        HeadObjectResponse head = s3.headObject(h -> h.bucket(bucket).key(key));
        assertThat(head.contentLength()).isEqualTo(png.length);
        assertThat(head.contentType()).isEqualTo("image/png");

        PresignedGetObjectRequest get = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                .getObjectRequest(o -> o.bucket(bucket).key(key)));
        HttpResponse<byte[]> downloaded = HTTP.send(HttpRequest.newBuilder(get.url().toURI()).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(downloaded.statusCode()).isEqualTo(200);
        assertThat(downloaded.body()).isEqualTo(png);
    }

    @Test
    void aTamperedPresignedUrlIsRefused() throws Exception {
        String bucket = LocalAws.createBucket(LocalAws.unique("media"));
        S3Presigner presigner = LocalAws.presigner();
        PresignedPutObjectRequest put = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(15))
                .putObjectRequest(o -> o.bucket(bucket).key("a.txt").contentType("text/plain")));
        URI other = URI.create(put.url().toString().replace("/a.txt?", "/b.txt?"));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(other).header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void aContentTypeWithALowerCaseCharsetKeepsItsSignature() throws Exception {
        // S3Proxy 2.6 (Jetty 11) rewrote "charset=utf-8" and refused such signed requests; 2.7 does not
        String bucket = LocalAws.createBucket(LocalAws.unique("media"));
        String type = "application/json; charset=utf-8";
        PresignedPutObjectRequest put = LocalAws.presigner().presignPutObject(p -> p
                .signatureDuration(Duration.ofMinutes(5)).putObjectRequest(o -> o.bucket(bucket).key("a.json")
                        .contentType(type)));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(put.url().toURI()).header("Content-Type", type)
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        // S3Proxy stores it as "application/json;charset=utf-8" (AWS keeps the value as sent)
        assertThat(LocalAws.s3().headObject(h -> h.bucket(bucket).key("a.json")).contentType())
                .isEqualToIgnoringWhitespace(type);
    }

    @Test
    void theSdkPutsAndGetsWithoutHangingOnChecksums() {
        String bucket = LocalAws.createBucket(LocalAws.unique("media"));
        S3Client s3 = LocalAws.s3();
        s3.putObject(p -> p.bucket(bucket).key("notes/hello.txt").contentType("text/plain; charset=utf-8"),
                RequestBody.fromString("héllo", StandardCharsets.UTF_8));
        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(g -> g.bucket(bucket).key("notes/hello.txt"));
        assertThat(got.asUtf8String()).isEqualTo("héllo");
        assertThat(got.response().contentType()).startsWith("text/plain");
    }

    @Test
    void withoutAnEndpointPresignedUrlsAreVirtualHostedAws() {
        Config aws = Config.of(Map.of(AwsConfig.REGION, "eu-west-2"));
        // credentials come from the environment in Lambda; here a static pair stands in for them
        try (S3Presigner presigner = S3Presigner.builder()
                .region(software.amazon.awssdk.regions.Region.of(AwsConfig.region(aws)))
                .credentialsProvider(AwsClients.credentials(aws, true)).build()) {
            var put = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(1))
                    .putObjectRequest(o -> o.bucket("inbox-media").key("k")));
            assertThat(put.url().getHost()).isEqualTo("inbox-media.s3.eu-west-2.amazonaws.com");
        }
    }
}
