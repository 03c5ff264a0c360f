package com.unifiedbeez.inbox.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Real ElasticMQ and S3Proxy, reached with the AWS SDK as the functions reach them. */
class EmbeddedAwsTest {
    private static final String KEY = "local";
    private static final String REGION = "eu-west-2";

    @TempDir
    Path data;

    @Test
    void sqsAndS3AnswerOnTheirEndpointsAndEventsComeOutAsLambdaBuildsThem() throws Exception {
        try (EmbeddedAws aws = EmbeddedAws.start(EmbeddedAws.Settings.inMemory(REGION, KEY, KEY));
             SqsClient sqs = sqs(aws); S3Client s3 = s3(aws)) {
            String url = sqs.createQueue(c -> c.queueName("work.fifo").attributes(Map.of(
                    QueueAttributeName.FIFO_QUEUE, "true", QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "false")))
                    .queueUrl();
            assertThat(url).isEqualTo(aws.sqsEndpoint() + "/" + EmbeddedAws.ACCOUNT_ID + "/work.fifo");
            String arn = sqs.getQueueAttributes(g -> g.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            assertThat(arn).isEqualTo("arn:aws:sqs:" + REGION + ":" + EmbeddedAws.ACCOUNT_ID + ":work.fifo");
            sqs.sendMessage(m -> m.queueUrl(url).messageBody("{\"n\":1}").messageGroupId("g1")
                    .messageDeduplicationId("d1").messageAttributes(Map.of("kind", MessageAttributeValue.builder()
                            .dataType("String").stringValue("reply").build())));
            List<Message> received = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL).messageAttributeNames("All"))
                    .messages();

            var event = SqsEvents.event(received, arn, REGION);
            assertThat(event.getRecords()).hasSize(1);
            var record = event.getRecords().get(0);
            assertThat(record.getBody()).isEqualTo("{\"n\":1}");
            assertThat(record.getMessageId()).isEqualTo(received.get(0).messageId());
            assertThat(record.getReceiptHandle()).isEqualTo(received.get(0).receiptHandle());
            assertThat(record.getAttributes()).containsEntry("MessageGroupId", "g1")
                    .containsEntry("ApproximateReceiveCount", "1");
            assertThat(record.getMessageAttributes().get("kind").getStringValue()).isEqualTo("reply");
            assertThat(record.getEventSourceArn()).isEqualTo(arn);
            assertThat(record.getAwsRegion()).isEqualTo(REGION);
            assertThat(record.getEventSource()).isEqualTo("aws:sqs");

            // S3Proxy checks the signature: the settings' key pair is let in, another one is not
            s3.createBucket(b -> b.bucket("media"));
            s3.putObject(p -> p.bucket("media").key("a/b.txt"), RequestBody.fromString("hello"));
            assertThat(s3.getObjectAsBytes(g -> g.bucket("media").key("a/b.txt")).asUtf8String()).isEqualTo("hello");
            try (S3Client stranger = s3(aws, "someone-else")) {
                assertThatThrownBy(() -> stranger.listBuckets()).isInstanceOf(S3Exception.class)
                        .hasMessageContaining("403");
            }
            assertThat(aws.s3Directory()).isNull();
        }
    }

    @Test
    void sqsBehindItsSwitchGoesAwayAndComesBackWithItsMessages() throws Exception {
        try (EmbeddedAws aws = EmbeddedAws.start(EmbeddedAws.Settings.inMemory(REGION, KEY, KEY).withSqsSwitch());
             SqsClient sqs = sqs(aws)) {
            String url = sqs.createQueue(c -> c.queueName("kept")).queueUrl();
            sqs.sendMessage(m -> m.queueUrl(url).messageBody("waiting"));

            aws.stopSqs();
            assertThat(aws.sqsAvailable()).isFalse();
            int port = URI.create(aws.sqsEndpoint()).getPort();
            assertThatThrownBy(() -> new java.net.Socket(EmbeddedAws.HOST, port).close())
                    .isInstanceOf(java.net.ConnectException.class);

            aws.startSqs();
            assertThat(aws.sqsAvailable()).isTrue();
            assertThat(sqs.receiveMessage(r -> r.queueUrl(url)).messages()).extracting(Message::body)
                    .containsExactly("waiting");
        }
    }

    @Test
    void aStoppedSwitchRefusesEveryConnectionTheMomentItIsStopped() throws Exception {
        try (EmbeddedAws aws = EmbeddedAws.start(EmbeddedAws.Settings.inMemory(REGION, KEY, KEY).withSqsSwitch())) {
            int port = URI.create(aws.sqsEndpoint()).getPort();
            for (int i = 0; i < 200; i++) { // a closing listener used to accept for a moment after close
                aws.stopSqs();
                assertThatThrownBy(() -> new java.net.Socket(EmbeddedAws.HOST, port).close())
                        .as("connection %d after the switch went off", i).isInstanceOf(java.net.ConnectException.class);
                aws.startSqs();
            }
        }
    }

    @Test
    void withoutASwitchSqsCannotBeStopped() throws Exception {
        try (EmbeddedAws aws = EmbeddedAws.start(EmbeddedAws.Settings.inMemory(REGION, KEY, KEY))) {
            assertThat(aws.sqsAvailable()).isTrue();
            assertThatThrownBy(aws::stopSqs).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void bucketsOnAFolderSurviveARestart() throws Exception {
        Path folder = data.resolve("s3");
        EmbeddedAws.Settings settings = EmbeddedAws.Settings.inMemory(REGION, KEY, KEY).withS3Directory(folder);
        try (EmbeddedAws aws = EmbeddedAws.start(settings); S3Client s3 = s3(aws)) {
            s3.createBucket(b -> b.bucket("media"));
            s3.putObject(p -> p.bucket("media").key("kept.txt"), RequestBody.fromString("still here"));
        }
        assertThat(Files.isDirectory(folder.resolve("media"))).as("a bucket is a folder").isTrue();
        try (EmbeddedAws aws = EmbeddedAws.start(settings); S3Client s3 = s3(aws)) {
            assertThat(s3.getObjectAsBytes(g -> g.bucket("media").key("kept.txt")).asUtf8String())
                    .isEqualTo("still here");
        }
    }

    @Test
    void aTakenS3PortIsNamedInTheFailureAndSqsIsStoppedAgain() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName(EmbeddedAws.HOST))) {
            int sqsPort = EmbeddedAws.freePort();
            EmbeddedAws.Settings settings = EmbeddedAws.Settings.inMemory(REGION, KEY, KEY)
                    .withPorts(sqsPort, taken.getLocalPort());
            assertThatThrownBy(() -> EmbeddedAws.start(settings))
                    .isInstanceOfSatisfying(EmbeddedAws.StartFailure.class, e -> {
                        assertThat(e.service()).isEqualTo(EmbeddedAws.Service.S3);
                        assertThat(e.port()).isEqualTo(taken.getLocalPort());
                        assertThat(e.portTaken()).isTrue();
                        assertThat(e.getMessage()).startsWith("cannot start S3Proxy (local S3) on 127.0.0.1:"
                                + taken.getLocalPort());
                    });
            // ElasticMQ had started first: it was stopped, its port is free again
            try (ServerSocket again = new ServerSocket(sqsPort, 1, java.net.InetAddress.getByName(EmbeddedAws.HOST))) {
                assertThat(again.getLocalPort()).isEqualTo(sqsPort);
            }
        }
    }

    private static SqsClient sqs(EmbeddedAws aws) {
        return SqsClient.builder().region(Region.of(REGION)).credentialsProvider(credentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder()).endpointOverride(URI.create(aws.sqsEndpoint()))
                .build();
    }

    private static S3Client s3(EmbeddedAws aws) {
        return s3(aws, KEY);
    }

    private static S3Client s3(EmbeddedAws aws, String key) {
        // us-east-1: creating a bucket elsewhere sends a LocationConstraint, which S3Proxy's stores do not know
        return S3Client.builder().region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, key)))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).endpointOverride(URI.create(aws.s3Endpoint()))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, KEY));
    }
}
