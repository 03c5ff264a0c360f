package com.unifiedbeez.inbox.channel;

import java.io.IOException;

/**
 * A file the platform will never hand over (too big for the API, expired, deleted): retrying the
 * record cannot help, so the message is stored without it and the reason noted in its metadata
 * ({@code mediaUnavailable}). An IOException of its own so adapters can throw it from their
 * download code; callers must catch it before IOException, which means "try again later".
 * {@code reason} is shown to agents: the platform's words, never a token or a signed URL.
 */
public final class MediaUnavailable extends IOException {
    private final String reason;

    public MediaUnavailable(String reason) {
        super(PlatformText.clean(reason));
        this.reason = PlatformText.clean(reason);
    }

    public String reason() {
        return reason;
    }
}
