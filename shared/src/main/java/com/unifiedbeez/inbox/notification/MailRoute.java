package com.unifiedbeez.inbox.notification;

import com.unifiedbeez.inbox.channel.email.MailServers;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;

/** How an organization's notification emails go out now, or why they cannot. */
sealed interface MailRoute {
    /** An SMTP server to submit to, with the session, login and From address to use. */
    record Ready(String name, Session session, MailServers.Server server, String username, String password,
                 InternetAddress from) implements MailRoute {
        @Override
        public String toString() {
            return "Ready[" + name + " " + server + " from " + from + "]";
        }
    }

    /** No way to send: for good ({@code retry} false: recorded failed), or for now. */
    record Unavailable(String code, String reason, boolean retry) implements MailRoute {
    }
}
