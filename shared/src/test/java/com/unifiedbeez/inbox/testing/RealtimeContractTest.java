package com.unifiedbeez.inbox.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.unifiedbeez.inbox.event.DomainEvents;
import org.junit.jupiter.api.Test;

/** The realtime contract catches what it must: the checks every observed frame goes through. */
class RealtimeContractTest {
    private static final String EPOCH = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
    private static final String ID = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c";
    private final RealtimeContract contract = RealtimeContract.get();

    @Test
    void everyLoggedEventAndEveryClientActionIsDocumented() {
        assertThat(contract.names()).containsAll(DomainEvents.LOGGED)
                .contains("typing:indicator", "presence:update", "conversation:viewers", "pong", "error",
                        "typing:start", "typing:stop", "conversation:viewing", "conversation:leaving", "presence:set",
                        "ping");
    }

    @Test
    void aConformingLoggedFramePasses() {
        assertThat(contract.problemsOfEvent("""
                {"event":"message:status","seq":7,"epoch":"%s","occurredAt":"2026-12-02T10:00:00Z",
                 "data":{"messageId":"%s","status":"delivered"}}""".formatted(EPOCH, ID))).isEmpty();
        assertThat(contract.problemsOfEvent("""
                {"event":"message:received","seq":8,"epoch":"%s","occurredAt":"2026-12-02T10:00:00Z","tooLarge":true,
                 "ref":"/api/inbox/events?since=7&limit=1&epoch=%s"}""".formatted(EPOCH, EPOCH))).isEmpty();
    }

    @Test
    void wrongShapesAreCaught() {
        // no seq; a status not in the enum; a stray field; data and a reference at once; an unknown event
        assertThat(contract.problemsOfEvent("""
                {"event":"message:status","epoch":"%s","occurredAt":"2026-12-02T10:00:00Z",
                 "data":{"messageId":"%s","status":"delivered"}}""".formatted(EPOCH, ID))).isNotEmpty();
        assertThat(contract.problemsOfEvent("""
                {"event":"message:status","seq":1,"epoch":"%s","occurredAt":"2026-12-02T10:00:00Z",
                 "data":{"messageId":"%s","status":"lost"}}""".formatted(EPOCH, ID))).isNotEmpty();
        assertThat(contract.problemsOfEvent("""
                {"event":"presence:update","data":{"userId":"%s","status":"online"},"extra":1}""".formatted(ID)))
                .isNotEmpty();
        assertThat(contract.problemsOfEvent("""
                {"event":"message:status","seq":1,"epoch":"%s","occurredAt":"2026-12-02T10:00:00Z","tooLarge":true,
                 "ref":"/api/inbox/events?since=0","data":{"messageId":"%s","status":"sent"}}""".formatted(EPOCH, ID)))
                .isNotEmpty();
        assertThat(contract.problemsOfEvent("{\"event\":\"message:deleted\",\"data\":{}}")).isNotEmpty();
        assertThat(contract.problemsOfAction("{\"action\":\"typing:start\",\"conversationId\":\"not-an-id\"}"))
                .isNotEmpty();
        assertThat(contract.problemsOfAction("{\"action\":\"typing:start\",\"conversationId\":\"%s\"}".formatted(ID)))
                .isEmpty();
    }
}
