package com.unifiedbeez.inbox.testkit;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** SQS events as Lambda's SQS event source mapping hands them to a function. */
public final class SqsEvents {
    private SqsEvents() {
    }

    /** The event of these records, in this order. */
    public static SQSEvent event(List<SQSMessage> records) {
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    /** The event Lambda builds from one receive on the queue {@code queueArn}. */
    public static SQSEvent event(List<Message> received, String queueArn, String region) {
        List<SQSMessage> records = new ArrayList<>();
        for (Message m : received) {
            records.add(record(m, queueArn, region));
        }
        return event(records);
    }

    /**
     * The record of a received message: id, receipt handle, body and its MD5, the system attributes
     * received (ApproximateReceiveCount, MessageGroupId, ...) and the message attributes.
     */
    public static SQSMessage record(Message m, String queueArn, String region) {
        SQSMessage r = new SQSMessage();
        r.setMessageId(m.messageId());
        r.setReceiptHandle(m.receiptHandle());
        r.setBody(m.body());
        r.setMd5OfBody(m.md5OfBody());
        r.setMd5OfMessageAttributes(m.md5OfMessageAttributes());
        r.setAttributes(new HashMap<>(m.attributesAsStrings()));
        Map<String, SQSEvent.MessageAttribute> attributes = new HashMap<>();
        m.messageAttributes().forEach((name, value) -> attributes.put(name, attribute(value)));
        r.setMessageAttributes(attributes);
        r.setEventSource("aws:sqs");
        r.setEventSourceArn(queueArn);
        r.setAwsRegion(region);
        return r;
    }

    /** A record made up by a test: this id and body, these system attributes, no queue. */
    public static SQSMessage record(String messageId, String body, Map<String, String> attributes) {
        SQSMessage r = new SQSMessage();
        r.setMessageId(messageId);
        r.setBody(body);
        r.setAttributes(new HashMap<>(attributes));
        r.setEventSource("aws:sqs");
        return r;
    }

    private static SQSEvent.MessageAttribute attribute(MessageAttributeValue value) {
        SQSEvent.MessageAttribute a = new SQSEvent.MessageAttribute();
        a.setDataType(value.dataType());
        a.setStringValue(value.stringValue());
        if (value.binaryValue() != null) {
            a.setBinaryValue(ByteBuffer.wrap(value.binaryValue().asByteArray()));
        }
        if (value.hasStringListValues()) {
            a.setStringListValues(value.stringListValues());
        }
        if (value.hasBinaryListValues()) {
            a.setBinaryListValues(value.binaryListValues().stream().map(b -> ByteBuffer.wrap(b.asByteArray()))
                    .toList());
        }
        return a;
    }
}
