package org.logitlab.grader.submission;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.logitlab.exercise.Exercise;

/**
 * Compiles one exercise file on its own, against the given code (the reference library, whose
 * public API the skeleton shares), so that one broken file never stops the others from being graded.
 */
public final class ExerciseCompiler {

  private final String classPath;

  /** A compiler that compiles against the reference library this grader carries. */
  public ExerciseCompiler() {
    this.classPath = locationOf(Exercise.class);
  }

  /**
   * Compiles {@code source} into {@code classes}.
   *
   * @return the compiler's error messages, empty when it compiled
   */
  public List<String> compile(Path source, Path classes) throws IOException {
    Files.createDirectories(classes);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException("no Java compiler: run the grader on a JDK, not a JRE");
    }
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    boolean ok;
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      ok = javac.getTask(null, files, diagnostics,
          List.of("--release", "17", "-proc:none", "-implicit:none", "-encoding", "UTF-8", "-nowarn",
              "-classpath", classPath, "-d", classes.toString()),
          null, files.getJavaFileObjects(source.toFile())).call();
    }
    List<String> errors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() == Diagnostic.Kind.ERROR) {
        String file = d.getSource() == null ? "" : Path.of(d.getSource().toUri()).getFileName() + ":" + d.getLineNumber() + ": ";
        errors.add(file + d.getMessage(Locale.ROOT));
      }
    }
    if (!ok && errors.isEmpty()) {
      errors.add(source.getFileName() + ": the compiler failed without saying why");
    }
    return errors;
  }

  /** The class-path entry (jar or folder) a class was loaded from. */
  static String locationOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate " + type.getName(), e);
    }
  }
}
