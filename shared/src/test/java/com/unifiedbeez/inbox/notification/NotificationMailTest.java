package com.unifiedbeez.inbox.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.unifiedbeez.inbox.channel.Channel;
import org.junit.jupiter.api.Test;

/** The words of a mail: names on one line and bounded, quotes bounded without splitting a character. */
class NotificationMailTest {
    @Test
    void aNameWithLineBreaksOrControlCharactersBecomesOneLine() {
        assertThat(NotificationMail.mentionSubject("Ada\r\nBcc: victim@example.com", "Maria\tLopez"))
                .isEqualTo("Ada Bcc: victim@example.com mentioned you in a conversation with Maria Lopez");
    }

    @Test
    void missingNamesReadNaturally() {
        assertThat(NotificationMail.mentionSubject(null, " ")).isEqualTo("Someone mentioned you in a conversation with a customer");
        assertThat(NotificationMail.assignmentHeadline(null, null, Channel.EMAIL))
                .isEqualTo("You were assigned an email conversation with a customer.");
    }

    @Test
    void aLongNameAndALongQuoteAreShortenedOnACharacterBoundary() {
        String name = "😀".repeat(100);
        String quote = "x" + "😀".repeat(3_000);

        String subject = NotificationMail.assignmentSubject(name);
        String excerpt = NotificationMail.excerpt(quote);

        assertThat(subject).isEqualTo("A conversation with " + "😀".repeat(79) + "… was assigned to you");
        assertThat(excerpt.codePointCount(0, excerpt.length())).isEqualTo(NotificationMail.EXCERPT_MAX);
        assertThat(excerpt).startsWith("x😀").endsWith("😀…");
        assertThat(NotificationMail.excerpt("  \n ")).isNull();
    }
}
