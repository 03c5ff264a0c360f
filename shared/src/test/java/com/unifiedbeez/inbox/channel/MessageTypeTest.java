package com.unifiedbeez.inbox.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.unifiedbeez.inbox.platform.json.Json;
import com.unifiedbeez.inbox.testing.ApiContract;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class MessageTypeTest {
    static Stream<String> contractWireNames() {
        return StreamSupport.stream(ApiContract.get().document()
                .path("components").path("schemas").path("MessageType").path("enum").spliterator(), false)
                .map(node -> node.asText());
    }

    @ParameterizedTest
    @MethodSource("contractWireNames")
    void everyWireNameOfTheContractIsOneConstantAndBack(String wire) {
        MessageType type = MessageType.parse(wire).orElseThrow(() -> new AssertionError("no constant for " + wire));
        assertThat(type.wireName()).isEqualTo(wire);
        assertThat(Arrays.stream(MessageType.values()).filter(t -> t.wireName().equals(wire))).hasSize(1);
    }

    @Test
    void everyConstantIsInTheContract() {
        List<String> contract = contractWireNames().toList();
        assertThat(contract).isNotEmpty();
        assertThat(Arrays.stream(MessageType.values()).map(MessageType::wireName))
                .containsExactlyElementsOf(contract);
    }

    @ParameterizedTest
    @CsvSource(value = {"Text", "TEXT", "' text'", "file", "''", "NULL"}, nullValues = "NULL")
    void parseKnowsOnlyTheExactWireNames(String value) {
        assertThat(MessageType.parse(value)).isEmpty();
    }

    @Test
    void itsJsonFormIsTheWireName() throws Exception {
        assertThat(Json.write(List.of(MessageType.TEXT, MessageType.UNSUPPORTED))).isEqualTo("[\"text\",\"unsupported\"]");
        assertThat(Json.mapper().readValue("\"document\"", MessageType.class)).isEqualTo(MessageType.DOCUMENT);
    }

    @Test
    void mediaIsAFileWithACaption() {
        assertThat(Arrays.stream(MessageType.values()).filter(MessageType::isMedia))
                .containsExactly(MessageType.IMAGE, MessageType.VIDEO, MessageType.AUDIO, MessageType.DOCUMENT);
    }
}
