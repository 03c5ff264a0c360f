package com.unifiedbeez.inbox.functions.inboundnormalizer;

import com.unifiedbeez.inbox.inbound.IncomingNormalizer;
import dagger.Module;
import dagger.multibindings.Multibinds;
import java.util.Set;

/**
 * The channels' normalizers, one per channel, as a set the processor picks from by channel. Each
 * channel adapter joins with {@code @Binds @IntoSet IncomingNormalizer x(XNormalizer impl)}.
 */
@Module
public interface ChannelNormalizersModule {
    @Multibinds
    Set<IncomingNormalizer> normalizers();
}
