package org.logitlab.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.logitlab.exercise.Exercise;

class ChildFirstClassLoaderTest {

  private static URL classes() throws Exception {
    return Path.of(Exercise.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toUri().toURL();
  }

  @Test
  void loadsTheProjectsClassesItselfAndEverythingElseFromItsParent() throws Exception {
    try (ChildFirstClassLoader loader = new ChildFirstClassLoader(new URL[] {classes()}, getClass().getClassLoader())) {
      Class<?> own = loader.loadClass(Exercise.class.getName());
      assertThat(own).isNotSameAs(Exercise.class);
      assertThat(own.getClassLoader()).isSameAs(loader);
      assertThat(loader.loadClass(Exercise.class.getName())).isSameAs(own);
      assertThat(loader.loadClass(String.class.getName())).isSameAs(String.class);
      assertThat(loader.loadClass(Test.class.getName())).isSameAs(Test.class);
    }
  }

  @Test
  void aProjectClassItDoesNotHaveIsNotTakenFromTheParent() throws Exception {
    try (ChildFirstClassLoader loader = new ChildFirstClassLoader(new URL[0], getClass().getClassLoader())) {
      assertThatThrownBy(() -> loader.loadClass(Exercise.class.getName())).isInstanceOf(ClassNotFoundException.class);
    }
  }
}
