package com.unifiedbeez.inbox.platform.http;

import com.unifiedbeez.inbox.platform.auth.CallerResolver;
import javax.sql.DataSource;

/**
 * What every HTTP route group's Dagger component provides besides its services: the membership
 * check {@link HttpDispatcher} runs on every request, and the pool SnapStart priming drains. A new
 * route group's component extends this and its handler passes {@link #callers()} to the dispatcher.
 */
public interface HttpComponent {
    CallerResolver callers();

    DataSource dataSource();
}
