package com.unifiedbeez.inbox;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The package rules the next route groups copy, checked on the compiled classes: a channel adapter
 * knows only the contracts in {@code channel}; the pipeline (webhook intake, inbound, outbound,
 * connection) knows no adapter; the contracts know neither.
 */
class PackageBoundariesTest {
    private static final String[] ADAPTERS = {"..channel.email..", "..channel.instagram..", "..channel.messenger..",
            "..channel.meta..", "..channel.sms..", "..channel.telegram..", "..channel.whatsapp..", "..channel.all.."};
    private static final String[] PIPELINE = {"..inbound..", "..outbound..", "..webhook..", "..connection.."};
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.unifiedbeez.inbox");

    @Test
    void adaptersKnowOnlyTheContracts() {
        noClasses().that().resideInAnyPackage(ADAPTERS)
                .should().dependOnClassesThat().resideInAnyPackage(PIPELINE)
                .check(MAIN);
    }

    @Test
    void thePipelineKnowsNoAdapter() {
        noClasses().that().resideInAnyPackage(PIPELINE)
                .should().dependOnClassesThat().resideInAnyPackage(ADAPTERS)
                .check(MAIN);
    }

    @Test
    void theContractsKnowNeither() {
        noClasses().that().resideInAPackage("com.unifiedbeez.inbox.channel")
                .should().dependOnClassesThat().resideInAnyPackage(ADAPTERS)
                .orShould().dependOnClassesThat().resideInAnyPackage(PIPELINE)
                .check(MAIN);
    }

    @Test
    void everyChannelIsOneDaggerModule() {
        // Only the channel packages' own modules (and their aggregate) bind adapters into the pipeline's sets.
        noClasses().that().resideOutsideOfPackages(ADAPTERS)
                .and().areAnnotatedWith(dagger.Module.class)
                .should().dependOnClassesThat().resideInAnyPackage(ADAPTERS)
                .check(MAIN);
    }

    @Test
    void adaptersDoNotKnowEachOtherExceptTheSharedMetaPlatform() {
        slices().matching("com.unifiedbeez.inbox.channel.(*)..")
                .should().beFreeOfCycles()
                .check(MAIN);
    }
}
