package com.unifiedbeez.inbox.outbound;

import com.unifiedbeez.inbox.channel.email.EmailSender;
import com.unifiedbeez.inbox.channel.instagram.InstagramSender;
import com.unifiedbeez.inbox.channel.messenger.MessengerSender;
import com.unifiedbeez.inbox.channel.sms.SmsSender;
import com.unifiedbeez.inbox.channel.telegram.TelegramSender;
import com.unifiedbeez.inbox.channel.whatsapp.WhatsAppSender;
import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;

/**
 * The outbound side of every channel adapter, one {@code @Binds @IntoSet} each; OutboundDelivery
 * picks the sender by {@link OutgoingSender#channel()}. A channel without one ends its sends
 * failed "channel-unsupported".
 */
@Module
public interface ChannelSendersModule {
    @Binds
    @IntoSet
    OutgoingSender whatsApp(WhatsAppSender sender);

    @Binds
    @IntoSet
    OutgoingSender messenger(MessengerSender sender);

    @Binds
    @IntoSet
    OutgoingSender instagram(InstagramSender sender);

    @Binds
    @IntoSet
    OutgoingSender telegram(TelegramSender sender);

    @Binds
    @IntoSet
    OutgoingSender sms(SmsSender sender);

    @Binds
    @IntoSet
    OutgoingSender email(EmailSender sender);
}
