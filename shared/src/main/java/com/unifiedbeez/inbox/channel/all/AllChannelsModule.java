package com.unifiedbeez.inbox.channel.all;

import com.unifiedbeez.inbox.channel.email.EmailModule;
import com.unifiedbeez.inbox.channel.instagram.InstagramModule;
import com.unifiedbeez.inbox.channel.messenger.MessengerModule;
import com.unifiedbeez.inbox.channel.sms.SmsModule;
import com.unifiedbeez.inbox.channel.telegram.TelegramModule;
import com.unifiedbeez.inbox.channel.whatsapp.WhatsAppModule;
import dagger.Module;

/**
 * The six channels, for the functions that serve them all (normalizer, sender, connect and health).
 * The one place besides the functions that names every adapter: the pipeline packages know only the
 * contracts in {@code channel}.
 */
@Module(includes = {WhatsAppModule.class, MessengerModule.class, InstagramModule.class, TelegramModule.class,
        SmsModule.class, EmailModule.class})
public interface AllChannelsModule {
}
