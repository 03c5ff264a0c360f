package com.unifiedbeez.inbox.local;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The local runtime's packages depend one way: the seed uses the sandbox, never the reverse. */
class LocalPackagesTest {
    @Test
    void localPackagesAreFreeOfCycles() {
        slices().matching("com.unifiedbeez.inbox.local.(*)..")
                .should().beFreeOfCycles()
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("com.unifiedbeez.inbox.local"));
    }
}
