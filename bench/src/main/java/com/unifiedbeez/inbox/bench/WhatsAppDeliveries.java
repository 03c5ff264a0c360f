package com.unifiedbeez.inbox.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unifiedbeez.inbox.channel.meta.MetaSignature;
import com.unifiedbeez.inbox.platform.json.Json;
import com.unifiedbeez.inbox.testkit.HttpEventBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Part F's customers writing on WhatsApp: signed Cloud API text notifications, as Meta POSTs them
 * (shape of events/webhooks/whatsapp/text.json, from developers.facebook.com/documentation/
 * business-messaging/whatsapp/webhooks/reference/messages), each with a distinct wamid. Half of
 * them come from the organization's existing customers (each with a conversation), half from a
 * larger pool of numbers never seen before, so a new customer writes once or a few times.
 */
final class WhatsAppDeliveries {
    static final String PATH = "/api/webhooks/whatsapp";
    /** wa_ids of the existing customers: EXISTING_PREFIX + 8 digits, 1..existing. */
    static final String EXISTING_PREFIX = "4479";
    /** wa_ids of new customers: NEW_PREFIX + 8 digits. */
    static final String NEW_PREFIX = "4478";

    private final String appSecret;
    private final String wabaId;
    private final String phoneNumberId;
    private final String displayPhoneNumber;
    private final int existing;
    private final int newPool;
    private final AtomicLong sequence = new AtomicLong();
    private final String runTag = Long.toString(System.currentTimeMillis(), 36);

    /** One delivery: the gateway event, and who sent it. */
    record Delivery(APIGatewayV2HTTPEvent event, String waId, boolean newCustomer, String wamid) {
    }

    WhatsAppDeliveries(String appSecret, String wabaId, String phoneNumberId, String displayPhoneNumber, int existing,
                       int newPool) {
        this.appSecret = appSecret;
        this.wabaId = wabaId;
        this.phoneNumberId = phoneNumberId;
        this.displayPhoneNumber = displayPhoneNumber;
        this.existing = existing;
        this.newPool = newPool;
    }

    static String existingWaId(int i) {
        return EXISTING_PREFIX + String.format("%08d", i);
    }

    Delivery next(SplittableRandom random) {
        boolean fresh = random.nextBoolean();
        String waId = fresh ? NEW_PREFIX + String.format("%08d", 1 + random.nextInt(newPool))
                : existingWaId(1 + random.nextInt(existing));
        String first = Vocabulary.pick(random, Vocabulary.FIRST_NAMES);
        String name = first + " " + Vocabulary.pick(random, Vocabulary.LAST_NAMES);
        String text = random.nextInt(3) == 0
                ? Vocabulary.fill(random, Vocabulary.pick(random, Vocabulary.CUSTOMER_FOLLOW_UPS), first)
                : Vocabulary.fill(random, Vocabulary.pick(random,
                Vocabulary.CUSTOMER_OPENERS[random.nextInt(Vocabulary.CUSTOMER_OPENERS.length)]), first);
        // Meta's wamid: "wamid." + base64 of an opaque id naming the customer's number; unique per message.
        String wamid = "wamid." + Base64.getEncoder().encodeToString(("HBgL" + waId + "FQIAEhgg" + runTag + "F"
                + sequence.incrementAndGet()).getBytes(StandardCharsets.US_ASCII));
        ObjectNode root = Json.mapper().createObjectNode().put("object", "whatsapp_business_account");
        ObjectNode entry = root.putArray("entry").addObject().put("id", wabaId);
        ObjectNode change = entry.putArray("changes").addObject();
        ObjectNode value = change.putObject("value").put("messaging_product", "whatsapp");
        value.putObject("metadata").put("display_phone_number", displayPhoneNumber).put("phone_number_id", phoneNumberId);
        ObjectNode contact = value.putArray("contacts").addObject();
        contact.putObject("profile").put("name", name);
        contact.put("wa_id", waId);
        ObjectNode message = value.putArray("messages").addObject().put("from", waId).put("id", wamid)
                .put("timestamp", Long.toString(System.currentTimeMillis() / 1000)).put("type", "text");
        message.putObject("text").put("body", text);
        change.put("field", "messages");
        byte[] body = Json.write(root).getBytes(StandardCharsets.UTF_8);
        return new Delivery(event(body, MetaSignature.sign(appSecret, body)), waId, fresh, wamid);
    }

    /** The public POST as API Gateway (payload v2) hands it to the webhook function: no authorizer. */
    static APIGatewayV2HTTPEvent event(byte[] body, String signature) {
        return HttpEventBuilder.request("POST", PATH).domain("inbox.bench.example")
                .header("content-type", "application/json").header("user-agent", "facebookexternalua")
                .header("x-hub-signature-256", signature).rawBody(body).build();
    }
}
