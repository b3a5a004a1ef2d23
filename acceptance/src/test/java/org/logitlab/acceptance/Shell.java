package org.logitlab.acceptance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs documented commands as a reader would: through {@code bash -c}, exactly as written, in a
 * given folder, with the user's environment less the variables of the Maven build that runs this
 * suite; keeps a ledger of every command run and what was checked of it.
 */
final class Shell {

  /** What a command did. */
  record Result(String command, Path dir, int code, String output) {}

  /** One line of the ledger. */
  record Entry(String where, String command, String dir, int code, String checked) {}

  private static final List<String> BUILD_VARIABLES = List.of("MAVEN_OPTS", "MAVEN_CONFIG", "MAVEN_ARGS",
      "MAVEN_PROJECTBASEDIR", "MAVEN_CMD_LINE_ARGS", "MAVEN_BASEDIR", "JAVA_TOOL_OPTIONS", "MAVEN_SKIP_RC");

  private final Map<String, String> environment = new LinkedHashMap<>();
  private final List<Entry> ledger = new ArrayList<>();
  private String prelude = "";

  Shell() {
    environment.putAll(System.getenv());
    BUILD_VARIABLES.forEach(environment::remove);
    String repository = System.getProperty("maven.repo.local");
    if (repository != null && !repository.isBlank()) {
      // The build's own local repository, so that nothing is fetched twice; the command stays as written.
      environment.put("MAVEN_OPTS", "-Dmaven.repo.local=" + repository);
    }
  }

  /** Sets a variable for every later command. */
  Shell set(String name, String value) {
    environment.put(name, value);
    return this;
  }

  /** Shell code run before every command (for example a function that stands in for a missing tool). */
  Shell prelude(String code) {
    prelude = code + "\n";
    return this;
  }

  /** Runs {@code command} in {@code dir}; fails if it runs longer than {@code minutes}. */
  Result run(String command, Path dir, int minutes) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder("bash", "-c", prelude + command).directory(dir.toFile())
        .redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().putAll(environment);
    Process process = builder.start();
    process.getOutputStream().close();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    // Read on a thread of its own, so that the time limit holds even when the command never closes its output.
    Thread reader = new Thread(() -> {
      try (InputStream in = process.getInputStream()) {
        in.transferTo(output);
      } catch (IOException e) {
        // the process was stopped: what it printed so far is kept
      }
    }, "command-output");
    reader.start();
    if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new AssertionError(command + " did not finish in " + minutes + " minutes; it printed:\n" + output);
    }
    reader.join();
    return new Result(command, dir, process.exitValue(), output.toString(StandardCharsets.UTF_8));
  }

  /** Notes that {@code result} was run from {@code where} and what of it was checked. */
  void record(String where, Result result, Path base, String checked) {
    ledger.add(new Entry(where, result.command(), base.relativize(result.dir()).toString(), result.code(), checked));
  }

  /** Notes a documented command that is run by another part of the build, not here. */
  void recordElsewhere(String where, String command, String how) {
    ledger.add(new Entry(where, command, "-", 0, how));
  }

  List<Entry> ledger() {
    return List.copyOf(ledger);
  }
}
