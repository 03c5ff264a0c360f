package com.unifiedbeez.inbox.local.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.unifiedbeez.inbox.local.gateway.SamTemplate;
import com.unifiedbeez.inbox.local.testing.TestTemplates;
import com.unifiedbeez.inbox.platform.aws.AwsClients;
import com.unifiedbeez.inbox.platform.aws.AwsConfig;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The local SQS and S3, and the template's queues and buckets created on them. */
class LocalAwsServicesTest {
    @TempDir
    Path data;

    @Test
    void mediaUploadedWithAPresignedUrlSurvivesARestart() throws Exception {
        Path s3 = data.resolve("s3");
        String url;
        try (LocalAwsServices aws = LocalAwsServices.start("eu-west-2", 0, 0, s3)) {
            aws.s3().createBucket(b -> b.bucket("media"));
            // a function's presigner, configured as the runtime configures the functions
            try (var presigner = AwsClients.s3Presigner(aws.config())) {
                url = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                        .putObjectRequest(o -> o.bucket("media").key("org/a/photo.jpg").contentType("image/jpeg")))
                        .url().toString();
            }
            HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(java.net.URI.create(url))
                    .header("Content-Type", "image/jpeg").PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[1234]))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        }
        assertThat(Files.isDirectory(s3.resolve("media"))).as("a bucket is a folder of the data folder").isTrue();
        try (LocalAwsServices aws = LocalAwsServices.start("eu-west-2", 0, 0, s3)) {
            try (var client = AwsClients.s3(aws.config())) {
                var head = client.headObject(h -> h.bucket("media").key("org/a/photo.jpg"));
                assertThat(head.contentLength()).isEqualTo(1234);
                assertThat(head.contentType()).isEqualTo("image/jpeg");
            }
        }
    }

    @Test
    void theTemplatesQueuesAndBucketsAreCreatedAndItsReferencesResolved() throws Exception {
        SamTemplate template = SamTemplate.load(TestTemplates.events());
        try (LocalAwsServices aws = LocalAwsServices.start("eu-west-2", 0, 0, data.resolve("s3"))) {
            LocalResources resources = LocalResources.create(template, aws.sqs(), aws.s3(), aws.region());
            LocalResources.LocalQueue work = resources.queue("WorkQueue").orElseThrow();
            LocalResources.LocalQueue workDlq = resources.queue("WorkDLQ").orElseThrow();
            LocalResources.LocalQueue ordered = resources.queue("OrderedQueue").orElseThrow();
            LocalResources.LocalQueue orderedDlq = resources.queue("OrderedDLQ").orElseThrow();
            assertThat(work.url()).isEqualTo(aws.sqsEndpoint() + "/000000000000/WorkQueue");
            assertThat(work.arn()).isEqualTo("arn:aws:sqs:eu-west-2:000000000000:WorkQueue");
            assertThat(ordered.name()).isEqualTo("OrderedQueue.fifo");
            assertThat(orderedDlq.name()).isEqualTo("OrderedDLQ.fifo");

            var attributes = aws.sqs().getQueueAttributes(g -> g.queueUrl(ordered.url())
                    .attributeNames(QueueAttributeName.ALL)).attributes();
            assertThat(attributes).containsEntry(QueueAttributeName.FIFO_QUEUE, "true")
                    .containsEntry(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "false")
                    .containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "1");
            // (ElasticMQ accepts MessageRetentionPeriod, DeduplicationScope and FifoThroughputLimit but does
            // not report them back)
            assertThat(attributes.get(QueueAttributeName.REDRIVE_POLICY)).contains(orderedDlq.arn()).contains("5");
            assertThat(aws.sqs().getQueueAttributes(g -> g.queueUrl(work.url())
                    .attributeNames(QueueAttributeName.REDRIVE_POLICY)).attributes()
                    .get(QueueAttributeName.REDRIVE_POLICY)).contains(workDlq.arn());

            assertThat(resources.buckets().values()).extracting(LocalResources.LocalBucket::name)
                    .containsExactly("mediabucket", "inbox-events-test-named", "stacknamedbucket");
            assertThat(aws.s3().listBuckets().buckets()).extracting(b -> b.name())
                    .contains("mediabucket", "inbox-events-test-named", "stacknamedbucket");

            assertThat(resources.resolve("WorkQueue")).hasValue(work.url());
            assertThat(resources.resolve("WorkQueue.Arn")).hasValue(work.arn());
            assertThat(resources.resolve("OrderedQueue.QueueName")).hasValue("OrderedQueue.fifo");
            assertThat(resources.resolve("MediaBucket")).hasValue("mediabucket");
            assertThat(resources.resolve("MediaBucket.Arn")).hasValue("arn:aws:s3:::mediabucket");
            assertThat(resources.resolve("DbUrl")).isEmpty();
            assertThat(resources.resolve("${WorkQueue}-suffix")).isEmpty();

            assertThat(resources.environment(template.functions()))
                    .containsEntry("INBOX_TEST_WORK_QUEUE_URL", work.url())
                    .containsEntry("INBOX_TEST_WORK_QUEUE_ARN", work.arn())
                    .containsEntry("INBOX_TEST_ORDERED_QUEUE_NAME", "OrderedQueue.fifo")
                    .containsEntry("INBOX_TEST_MEDIA_BUCKET", "mediabucket")
                    .containsEntry("INBOX_TEST_MEDIA_BUCKET_ARN", "arn:aws:s3:::mediabucket")
                    .doesNotContainKeys("INBOX_TEST_NOT_A_RESOURCE", "INBOX_TEST_SUB");

            // idempotent: creating again (a restart on existing state) keeps what is there
            LocalResources again = LocalResources.create(template, aws.sqs(), aws.s3(), aws.region());
            assertThat(again.queue("WorkQueue").orElseThrow().url()).isEqualTo(work.url());
            assertThat(aws.config().get(AwsConfig.SQS_ENDPOINT)).hasValue(aws.sqsEndpoint());
        }
    }
}
