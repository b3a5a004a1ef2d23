package org.logitlab.grader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipException;

/** The runnable grader jar, as the bundles and workflows that carry it name and check it. */
public final class GraderJar {

  /** The jar's file name, in the build ({@code grader/target/}) and wherever it is copied. */
  public static final String NAME = "logit-lab-grader.jar";

  private GraderJar() {}

  /**
   * Checks that {@code jar} is a runnable jar, so that a copy of the wrong file fails here and not on
   * the platform that runs it.
   *
   * @throws IllegalArgumentException if it is missing, not a jar, or names no {@code Main-Class}
   */
  public static void checkRunnable(Path jar) throws IOException {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException(jar + ": no such grader jar (build it with ./mvnw -B package -pl grader -am)");
    }
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      if (manifest == null || manifest.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS) == null) {
        throw new IllegalArgumentException(jar + " is not a runnable jar (its manifest names no Main-Class): "
            + "use the shaded grader/target/" + NAME);
      }
    } catch (ZipException e) {
      throw new IllegalArgumentException(jar + " is not a jar: " + e.getMessage(), e);
    }
  }
}
