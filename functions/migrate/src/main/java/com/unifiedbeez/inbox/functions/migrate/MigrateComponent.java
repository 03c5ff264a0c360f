package com.unifiedbeez.inbox.functions.migrate;

import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.db.DatabaseModule;
import dagger.BindsInstance;
import dagger.Component;
import javax.inject.Singleton;
import javax.sql.DataSource;

/**
 * The migrate function's object graph. Building it touches nothing: the pool is created on the
 * first {@link #dataSource()} call, inside the handler's error handling, so a bad configuration
 * still ends in a FAILED response instead of an init error CloudFormation never hears about.
 */
@Singleton
@Component(modules = {DatabaseModule.class, MigrateModule.class})
public interface MigrateComponent {
    DataSource dataSource();

    CustomResourceResponder responder();

    @Component.Factory
    interface Factory {
        MigrateComponent create(@BindsInstance Config config);
    }
}
