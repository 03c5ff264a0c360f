package com.unifiedbeez.inbox.local.testing;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The SAM template fixture of the gateway tests (test functions, CloudFormation tags on purpose). */
public final class TestTemplates {
    private TestTemplates() {
    }

    public static Path fixture() {
        try {
            return Path.of(TestTemplates.class.getResource("/template-fixture.yaml").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
