package com.unifiedbeez.inbox.channel.sms;

import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.ConnectionProbe;
import com.unifiedbeez.inbox.channel.HealthReport;
import com.unifiedbeez.inbox.channel.HealthReport.Check;
import com.unifiedbeez.inbox.channel.PlatformEndpoints;
import com.unifiedbeez.inbox.channel.PlatformHttp;
import com.unifiedbeez.inbox.platform.config.Config;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;

/**
 * A Twilio number's health: the Account resource (credentials valid, status active) and the
 * IncomingPhoneNumbers list filtered by PhoneNumber (the number belongs to the account, and its
 * SmsUrl points at our webhook when we know our public URL).
 */
public final class SmsProbe implements ConnectionProbe {
    private final PlatformHttp http;
    private final String api;
    private final Optional<String> webhookUrl;

    @Inject
    public SmsProbe(Config config, PlatformHttp http) {
        this.http = http;
        this.api = PlatformEndpoints.twilioApi(config);
        this.webhookUrl = SmsSender.webhookUrl(config);
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public HealthReport check(ChannelConnection connection) {
        List<Check> checks = new ArrayList<>();
        try {
            String sid = SmsSender.accountSid(connection);
            String auth = SmsSender.basicAuth(sid, connection.secrets().require("authToken"));
            String account = api + "/2010-04-01/Accounts/" + SmsSender.encode(sid);
            PlatformHttp.Answer answer = get(account + ".json", auth);
            JsonNode body = SmsSender.json(answer);
            if (!answer.ok()) {
                checks.add(new Check("credentials", false, "Twilio answered " + answer.status() + " "
                        + body.path("code").asText("") + " " + body.path("message").asText("")));
                return HealthReport.of(checks);
            }
            String status = body.path("status").asText();
            checks.add(new Check("credentials", "active".equals(status), "account " + status));
            answer = get(account + "/IncomingPhoneNumbers.json?PhoneNumber=" + SmsSender.encode(connection.externalId()), auth);
            JsonNode number = null;
            for (JsonNode candidate : SmsSender.json(answer).path("incoming_phone_numbers")) {
                if (connection.externalId().equals(candidate.path("phone_number").asText())) {
                    number = candidate;
                }
            }
            checks.add(new Check("number", number != null, number != null ? connection.externalId()
                    : answer.ok() ? connection.externalId() + " is not a number of this account" : "Twilio answered " + answer.status()));
            if (number != null && webhookUrl.isPresent()) {
                String smsUrl = number.path("sms_url").asText("");
                boolean ours = smsUrl.equals(webhookUrl.get());
                checks.add(new Check("webhook", ours, ours ? smsUrl : smsUrl.isEmpty() ? "no SmsUrl set" : "SmsUrl is " + smsUrl));
            }
        } catch (IllegalStateException e) {
            checks.add(new Check("credentials", false, e.getMessage()));
        } catch (IOException e) {
            checks.add(new Check("reachable", false, "Twilio not reached: " + e));
        }
        return HealthReport.of(checks);
    }

    private PlatformHttp.Answer get(String url, String auth) throws IOException {
        return http.exchange(PlatformHttp.request(url).header("Authorization", auth).GET().build());
    }
}
