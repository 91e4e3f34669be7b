package dev.scenariosync.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test that runs {@code target/scenario-sync.jar} as a separate process. Maven runs these after
 * the shaded jar is built (the "process" group, in the {@code package} phase); see the pom.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("process")
public @interface ProcessTest {}
