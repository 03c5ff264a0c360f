package com.unifiedbeez.inbox.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.testing.LocalAws;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.S3Object;

/** {@link S3MediaStorage#delete} against S3Proxy: DeleteObjects in requests of at most 1000 keys. */
class MediaDeleteTest {
    private final String bucket = LocalAws.createBucket(LocalAws.unique("media"));
    private final S3MediaStorage storage = new S3MediaStorage(LocalAws.s3(), LocalAws.presigner(),
            Config.of(Map.of(S3MediaStorage.BUCKET, bucket)));

    private List<String> keys() {
        List<String> keys = new ArrayList<>();
        LocalAws.s3().listObjectsV2Paginator(l -> l.bucket(bucket)).contents().stream().map(S3Object::key)
                .forEach(keys::add);
        return keys;
    }

    @Test
    void moreKeysThanOneRequestTakesAreAllDeletedAndTheOthersKept() {
        List<String> doomed = IntStream.range(0, S3MediaStorage.DELETE_BATCH + 3)
                .mapToObj(i -> "inbound/org/conn/" + i + "-photo.jpg").toList();
        doomed.forEach(k -> storage.put(k, k.getBytes(StandardCharsets.UTF_8), "image/jpeg"));
        storage.put("attachments/org/kept.pdf", new byte[] {1, 2, 3}, "application/pdf");

        assertThat(storage.delete(doomed)).isEqualTo(doomed.size());

        assertThat(keys()).containsExactly("attachments/org/kept.pdf");
    }

    @Test
    void keysAlreadyGoneCountAsDeletedSoARepeatedDeleteSucceeds() {
        storage.put("inbound/org/a.jpg", new byte[] {1}, "image/jpeg");
        List<String> keys = List.of("inbound/org/a.jpg", "inbound/org/never-there.jpg");

        assertThat(storage.delete(keys)).isEqualTo(2);
        assertThat(storage.delete(keys)).isEqualTo(2);
        assertThat(storage.delete(List.of())).isZero();
        assertThat(keys()).isEmpty();
    }

    @Test
    void aBucketThatRefusesTheDeleteIsAnErrorNotACount() {
        S3MediaStorage nowhere = new S3MediaStorage(LocalAws.s3(), LocalAws.presigner(),
                Config.of(Map.of(S3MediaStorage.BUCKET, LocalAws.unique("no-such-bucket"))));

        assertThatThrownBy(() -> nowhere.delete(List.of("inbound/org/a.jpg"))).isInstanceOf(RuntimeException.class);
    }
}
