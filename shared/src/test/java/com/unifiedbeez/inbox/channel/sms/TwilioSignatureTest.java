package com.unifiedbeez.inbox.channel.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwilioSignatureTest {
    /**
     * Twilio's published example (twilio.com/docs/usage/webhooks/webhooks-security, also the
     * RequestValidator tests of twilio-php and twilio-csharp): auth token 12345, this URL and these
     * POST parameters sign to RSOYDt4T1cUTdK1PDd93/VVr8B8=.
     */
    private static final String TOKEN = "12345";
    private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private static final TwilioForm PARAMS = new TwilioForm(List.of(
            Map.entry("CallSid", "CA1234567890ABCDE"),
            Map.entry("Caller", "+14158675309"),
            Map.entry("Digits", "1234"),
            Map.entry("From", "+14158675309"),
            Map.entry("To", "+18005551212")));
    private static final String EXPECTED = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";

    @Test
    void twiliosPublishedExampleSignsAsPublished() {
        assertThat(TwilioSignature.sign(TOKEN, URL, PARAMS)).isEqualTo(EXPECTED);
        assertThat(TwilioSignature.valid(TOKEN, URL, PARAMS, EXPECTED)).isTrue();
    }

    @Test
    void theApiSnippetsVariantSignsAsPublishedToo() {
        // TwilioDevEd/api-snippets security/signature_validation: the same example with +14158675310.
        TwilioForm params = TwilioForm.parse("CallSid=CA1234567890ABCDE&Caller=%2B14158675310&Digits=1234"
                + "&From=%2B14158675310&To=%2B18005551212");

        assertThat(TwilioSignature.sign(TOKEN, URL, params)).isEqualTo("GvWf1cFY/Q7PnoempGyD5oXAezc=");
    }

    @Test
    void theBodyOrderDoesNotMatterParametersAreSortedByName() {
        TwilioForm shuffled = TwilioForm.parse("To=%2B18005551212&Digits=1234&From=%2B14158675309&CallSid=CA1234567890ABCDE"
                + "&Caller=%2B14158675309");

        assertThat(TwilioSignature.valid(TOKEN, URL, shuffled, EXPECTED)).isTrue();
    }

    @Test
    void anyChangeBreaksTheSignature() {
        assertThat(TwilioSignature.valid("54321", URL, PARAMS, EXPECTED)).isFalse();
        assertThat(TwilioSignature.valid(TOKEN, "https://mycompany.com/myapp.php?foo=1&bar=3", PARAMS, EXPECTED)).isFalse();
        assertThat(TwilioSignature.valid(TOKEN, "http://mycompany.com/myapp.php?foo=1&bar=2", PARAMS, EXPECTED)).isFalse();
        TwilioForm changed = TwilioForm.parse("CallSid=CA1234567890ABCDE&Caller=%2B14158675309&Digits=1235"
                + "&From=%2B14158675309&To=%2B18005551212");
        assertThat(TwilioSignature.valid(TOKEN, URL, changed, EXPECTED)).isFalse();
        assertThat(TwilioSignature.valid(TOKEN, URL, PARAMS, "RSOYDt4T1cUTdK1PDd93/VVr8B8A=")).isFalse();
        assertThat(TwilioSignature.valid(TOKEN, URL, PARAMS, null)).isFalse();
        assertThat(TwilioSignature.valid(TOKEN, URL, PARAMS, "")).isFalse();
    }

    @Test
    void formValuesAreDecodedBeforeSigning() {
        // '+' is a space and %2B a plus in a form body (application/x-www-form-urlencoded).
        TwilioForm form = TwilioForm.parse("Body=Hello+there%21&From=%2B15558675310");

        assertThat(form.first("Body")).contains("Hello there!");
        assertThat(form.first("From")).contains("+15558675310");
        assertThat(TwilioSignature.sign(TOKEN, URL, form))
                .isEqualTo(TwilioSignature.sign(TOKEN, URL, new TwilioForm(List.of(
                        Map.entry("From", "+15558675310"), Map.entry("Body", "Hello there!")))));
    }
}
