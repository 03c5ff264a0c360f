package com.unifiedbeez.inbox.channel.email;

import com.unifiedbeez.inbox.channel.ConnectionProbe;
import com.unifiedbeez.inbox.channel.IncomingNormalizer;
import com.unifiedbeez.inbox.channel.OutgoingSender;
import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;

/**
 * Email as a channel: IMAP polling feeds the normalizer, SMTP sends, the probe logs in to both (Jakarta Mail on the class path).
 * The pipeline finds each part by its {@code channel()}; a function includes only the channels it serves.
 */
@Module
public interface EmailModule {
    @Binds
    @IntoSet
    IncomingNormalizer normalizer(EmailInbound normalizer);

    @Binds
    @IntoSet
    OutgoingSender sender(EmailSender sender);

    @Binds
    @IntoSet
    ConnectionProbe probe(EmailProbe probe);
}
