package io.logaggregate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.logaggregate.aggregate.TaskStateSerializer;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packages are layered one way (README "Layout"): each imports only the ones below it.
 *
 * <pre>
 * cli → job → stage, io → program → aggregate → filter → ruby → config, event
 * </pre>
 *
 * and the core (event, config, ruby, filter, aggregate, program) does not use Flink, so its
 * semantics are tested without a cluster.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        // our compiled main classes only: scanning the whole class path (JRuby, Flink) for the
        // package takes far longer
        classes =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPath(Path.of("target/classes"));
        assertThat(classes.containPackage("io.logaggregate.aggregate")).isTrue();
    }

    @Test
    void layersImportDownwardsOnly() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("cli")
                .definedBy("io.logaggregate.cli..")
                .layer("job")
                .definedBy("io.logaggregate.job..")
                .layer("stage")
                .definedBy("io.logaggregate.stage..")
                .layer("io")
                .definedBy("io.logaggregate.io..")
                .layer("program")
                .definedBy("io.logaggregate.program..")
                .layer("aggregate")
                .definedBy("io.logaggregate.aggregate..")
                .layer("filter")
                .definedBy("io.logaggregate.filter..")
                .layer("ruby")
                .definedBy("io.logaggregate.ruby..")
                .layer("config")
                .definedBy("io.logaggregate.config..")
                .layer("event")
                .definedBy("io.logaggregate.event..")
                .whereLayer("cli")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("job")
                .mayOnlyBeAccessedByLayers("cli")
                .whereLayer("stage")
                .mayOnlyBeAccessedByLayers("job")
                .whereLayer("io")
                .mayOnlyBeAccessedByLayers("job", "cli")
                .whereLayer("program")
                .mayOnlyBeAccessedByLayers("stage", "job", "cli")
                .whereLayer("aggregate")
                .mayOnlyBeAccessedByLayers("program", "stage", "job", "cli")
                .whereLayer("filter")
                .mayOnlyBeAccessedByLayers("aggregate", "program", "stage", "job", "cli")
                .whereLayer("ruby")
                .mayOnlyBeAccessedByLayers("filter", "aggregate", "program", "stage", "job", "cli")
                .whereLayer("config")
                .mayOnlyBeAccessedByLayers(
                        "ruby", "filter", "aggregate", "program", "stage", "io", "job", "cli")
                .check(classes);
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.logaggregate.(*)..").should().beFreeOfCycles().check(classes);
    }

    /**
     * The semantics need no Flink. The one exception is the task state's serializer, which stays
     * beside the task state: its class name is written into every savepoint.
     */
    @Test
    void coreIsFlinkFree() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "io.logaggregate.event",
                        "io.logaggregate.config..",
                        "io.logaggregate.ruby..",
                        "io.logaggregate.filter..",
                        "io.logaggregate.aggregate..",
                        "io.logaggregate.program..")
                .and()
                .doNotBelongToAnyOf(TaskStateSerializer.class)
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.apache.flink..")
                .check(classes);
    }
}
