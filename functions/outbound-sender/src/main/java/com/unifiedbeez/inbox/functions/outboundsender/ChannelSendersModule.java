package com.unifiedbeez.inbox.functions.outboundsender;

import com.unifiedbeez.inbox.outbound.OutgoingSender;
import dagger.Module;
import dagger.multibindings.Multibinds;
import java.util.Set;

/**
 * The outbound side of every channel adapter, one {@code @Binds @IntoSet} each; OutboundDelivery
 * picks the sender by {@link OutgoingSender#channel()}. A channel without one ends its sends
 * failed "channel-unsupported".
 */
@Module
public interface ChannelSendersModule {
    @Multibinds
    Set<OutgoingSender> senders();
}
