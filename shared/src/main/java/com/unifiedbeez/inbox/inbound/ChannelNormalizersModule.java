package com.unifiedbeez.inbox.inbound;

import com.unifiedbeez.inbox.channel.email.EmailInbound;
import com.unifiedbeez.inbox.channel.instagram.InstagramInbound;
import com.unifiedbeez.inbox.channel.messenger.MessengerInbound;
import com.unifiedbeez.inbox.channel.sms.SmsInbound;
import com.unifiedbeez.inbox.channel.telegram.TelegramInbound;
import com.unifiedbeez.inbox.channel.whatsapp.WhatsAppInbound;
import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;

/**
 * The inbound side of every channel adapter, one {@code @Binds @IntoSet} each; the processor picks
 * the normalizer by {@link IncomingNormalizer#channel()}. The email normalizer needs Jakarta Mail
 * and the media bucket.
 */
@Module
public interface ChannelNormalizersModule {
    @Binds
    @IntoSet
    IncomingNormalizer whatsApp(WhatsAppInbound normalizer);

    @Binds
    @IntoSet
    IncomingNormalizer messenger(MessengerInbound normalizer);

    @Binds
    @IntoSet
    IncomingNormalizer instagram(InstagramInbound normalizer);

    @Binds
    @IntoSet
    IncomingNormalizer telegram(TelegramInbound normalizer);

    @Binds
    @IntoSet
    IncomingNormalizer sms(SmsInbound normalizer);

    @Binds
    @IntoSet
    IncomingNormalizer email(EmailInbound normalizer);
}
