package com.unifiedbeez.inbox.connection;

import com.unifiedbeez.inbox.channel.email.EmailProbe;
import com.unifiedbeez.inbox.channel.instagram.InstagramProbe;
import com.unifiedbeez.inbox.channel.messenger.MessengerProbe;
import com.unifiedbeez.inbox.channel.sms.SmsProbe;
import com.unifiedbeez.inbox.channel.telegram.TelegramProbe;
import com.unifiedbeez.inbox.channel.whatsapp.WhatsAppProbe;
import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;

/**
 * The six channels' probes (a real call to each platform), for connect and health. The email probe
 * needs Jakarta Mail on the class path.
 */
@Module
public interface ChannelProbesModule {
    @Binds
    @IntoSet
    ConnectionProbe whatsApp(WhatsAppProbe probe);

    @Binds
    @IntoSet
    ConnectionProbe messenger(MessengerProbe probe);

    @Binds
    @IntoSet
    ConnectionProbe instagram(InstagramProbe probe);

    @Binds
    @IntoSet
    ConnectionProbe telegram(TelegramProbe probe);

    @Binds
    @IntoSet
    ConnectionProbe sms(SmsProbe probe);

    @Binds
    @IntoSet
    ConnectionProbe email(EmailProbe probe);
}
