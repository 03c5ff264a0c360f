package com.unifiedbeez.inbox.functions.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.platform.config.Config;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one component of the five webhook functions hands each channel its own platform's adapter. */
class WebhooksComponentTest {
    private final WebhooksComponent component = DaggerWebhooksComponent.factory().create(Config.of(Map.of()));

    @Test
    void everyChannelWithAWebhookHasItsOwnAdapterAndEmailNone() {
        assertThat(component.adapters()).containsOnlyKeys(
                Channel.WHATSAPP, Channel.MESSENGER, Channel.INSTAGRAM, Channel.TELEGRAM, Channel.SMS);
        component.adapters().forEach((channel, adapter) ->
                assertThat(adapter.get().channel()).as(channel.wireName()).isEqualTo(channel));
    }
}
