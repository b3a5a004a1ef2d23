package org.logitlab.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * One run of a GitHub Actions workflow on this machine, job by job, as the runners would run it: each
 * job on a fresh runner (its own home and a fresh checkout of the repository), its {@code run:} steps
 * through {@code bash -e} (GitHub's default shell) with the workflow's, the job's and the step's
 * {@code env} and {@code $GITHUB_OUTPUT}, and {@code ${{ }}} expressions evaluated as GitHub does for
 * the few forms a workflow here uses (any other fails the test, naming it). The actions are done as
 * their documentation says: {@code checkout} copies the repository; {@code setup-java} uses this
 * machine's Java; {@code cache} restores what this run's cache holds for the key; {@code upload-artifact}
 * keeps a folder's or a file's non-hidden files under the artifact's name (an existing name fails
 * unless {@code overwrite}); {@code download-artifact} puts one artifact {@code name} into
 * {@code path}, and each artifact matching {@code pattern} into {@code path/<name>/} (or into
 * {@code path} with {@code merge-multiple}). Artifacts are kept across the run's attempts, as GitHub
 * keeps them, so that a re-run job finds what the first attempt uploaded.
 */
final class GitHubActions {

  /** What a job did: {@code success} or {@code failure}, and what its steps printed. */
  record Job(String result, String log) {}

  /** Something that goes wrong on the runner after a step, as a killed or failing run would. */
  @FunctionalInterface
  interface Fault {
    /** Called after each step; returns true when that step is to count as failed. */
    boolean after(String step, Path workspace) throws IOException;
  }

  private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{\\s*(.*?)\\s*}}");
  private static final Pattern COMPARISON = Pattern.compile("(.+?)\\s*(==|!=)\\s*'([^']*)'");

  private final Map<String, Object> workflow;
  private final Path repository;
  private final Path base;
  private final Map<String, String> inputs;
  private final Map<String, Path> caches;
  private final Map<String, Path> artifacts = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> needs = new HashMap<>();
  private final String runId;
  private String path = System.getenv("PATH");
  private int attempt = 1;
  private int runners;

  /**
   * @param workflow the workflow file
   * @param repository what {@code actions/checkout} checks out
   * @param base where the runners' folders and the artifacts go
   * @param inputs the {@code workflow_dispatch} inputs
   * @param caches what {@code actions/cache} restores, by key
   * @param runId the run's id ({@code github.run_id})
   */
  GitHubActions(Path workflow, Path repository, Path base, Map<String, String> inputs, Map<String, Path> caches,
      String runId) throws IOException {
    this.workflow = new Yaml().load(Files.readString(workflow, StandardCharsets.UTF_8));
    this.repository = repository;
    this.base = base;
    this.inputs = Map.copyOf(inputs);
    this.caches = Map.copyOf(caches);
    this.runId = runId;
  }

  /** Puts {@code folder} first on the runners' {@code PATH}, for commands that stand in for real ones. */
  GitHubActions prependPath(Path folder) {
    path = folder + ":" + path;
    return this;
  }

  /** "Re-run failed jobs": the next attempt of this run, with its artifacts and the results of the jobs not run again. */
  void nextAttempt() {
    attempt++;
  }

  /** The folder of the newest artifact named {@code name}. */
  Path artifact(String name) {
    assertThat(artifacts).as("artifacts of the run").containsKey(name);
    return artifacts.get(name);
  }

  /** The job's matrix values of {@code key}, as its {@code strategy.matrix} evaluates now. */
  List<String> matrix(String job, String key) {
    Object values = map(map(map(jobs().get(job)).get("strategy")).get("matrix")).get(key);
    String json = evaluate(values.toString().replaceAll("^\\$\\{\\{\\s*fromJSON\\((.*)\\)\\s*}}$", "\\${{ $1 }}"),
        Map.of(), Map.of());
    return Arrays.stream(json.replaceAll("[\\[\\]\\s]", "").split(",")).toList();
  }

  /**
   * Runs {@code job} (with {@code matrix} values, or none) on a fresh runner and records its result for
   * the jobs that need it (a matrix job's result is that of all its runs: {@code failure} if one failed).
   */
  Job run(String job, Map<String, String> matrix, Fault fault) throws IOException, InterruptedException {
    Map<String, Object> definition = map(jobs().get(job));
    Path runner = Files.createDirectories(base.resolve("runner-" + ++runners));
    Path workspace = Files.createDirectories(runner.resolve("work"));
    Path home = Files.createDirectories(runner.resolve("home"));
    Map<String, String> env = new LinkedHashMap<>();
    Map<String, Map<String, String>> stepOutputs = new HashMap<>();
    env.putAll(expandAll(map(workflow.getOrDefault("env", Map.of())), matrix, stepOutputs));
    env.putAll(expandAll(map(definition.getOrDefault("env", Map.of())), matrix, stepOutputs));
    StringBuilder log = new StringBuilder();
    boolean failed = false;
    List<Runnable> posts = new ArrayList<>();
    for (Object s : (List<?>) definition.get("steps")) {
      Map<String, Object> step = map(s);
      String name = String.valueOf(step.getOrDefault("name", step.getOrDefault("uses", step.get("run"))));
      if (!condition(step.get("if"), failed, matrix, stepOutputs)) {
        log.append("skipped: ").append(name).append('\n');
        continue;
      }
      boolean ok;
      if (step.containsKey("run")) {
        Map<String, String> stepEnv = new LinkedHashMap<>(env);
        stepEnv.putAll(expandAll(map(step.getOrDefault("env", Map.of())), matrix, stepOutputs));
        Path output = Files.writeString(runner.resolve("github-output-" + stepOutputs.size()), "");
        ok = bash(expand(step.get("run").toString(), matrix, stepOutputs), stepEnv, workspace, home, output, log);
        if (step.containsKey("id")) {
          stepOutputs.put(step.get("id").toString(), outputs(output));
        }
      } else {
        Map<String, String> with = expandAll(map(step.getOrDefault("with", Map.of())), matrix, stepOutputs);
        ok = action(step.get("uses").toString(), with, workspace, home, posts, log);
      }
      ok &= !fault.after(name, workspace);
      log.append(ok ? "ok: " : "FAILED: ").append(name).append('\n');
      boolean continueOnError = Boolean.TRUE.equals(step.get("continue-on-error"));
      failed |= !ok && !continueOnError;
    }
    if (!failed) {
      posts.forEach(Runnable::run);
    }
    Map<String, String> outputs = expandAll(map(definition.getOrDefault("outputs", Map.of())), matrix, stepOutputs);
    Job result = new Job(failed ? "failure" : "success", log.toString());
    Map<String, Object> recorded = needs.computeIfAbsent(job, k -> new HashMap<>());
    recorded.put("outputs", outputs);
    recorded.put("results." + matrix, result.result());
    return result;
  }

  /** Whether {@code job} runs, by its {@code if:} (and, without a status function, its needs' success). */
  boolean runs(String job) {
    return condition(map(jobs().get(job)).get("if"), !needsSucceeded(job), Map.of(), Map.of());
  }

  // ---- the actions -----------------------------------------------------------------------------

  private boolean action(String uses, Map<String, String> with, Path workspace, Path home, List<Runnable> posts,
      StringBuilder log) throws IOException {
    switch (uses) {
      case "actions/checkout@v4" -> Trees.copy(repository, workspace);
      case "actions/setup-java@v4" -> assertThat(with).containsEntry("distribution", "temurin")
          .containsEntry("java-version", "17");
      case "actions/cache@v4" -> {
        Path path = home.resolve(with.get("path").replaceFirst("^~/", ""));
        Path cached = caches.get(with.get("key"));
        if (cached != null) {
          Trees.copy(cached, Files.createDirectories(path));
          log.append("cache hit: ").append(with.get("key")).append('\n');
        } else {
          posts.add(() -> log.append("cache saved (not kept by this test): ").append(with.get("key")).append('\n'));
        }
      }
      case "actions/upload-artifact@v4" -> {
        return upload(with, workspace, log);
      }
      case "actions/download-artifact@v4" -> {
        return download(with, workspace, log);
      }
      default -> throw new AssertionError("this test does not know the action " + uses + ": teach it what the action does");
    }
    return true;
  }

  private boolean upload(Map<String, String> with, Path workspace, StringBuilder log) throws IOException {
    String name = with.getOrDefault("name", "artifact");
    Path path = workspace.resolve(with.get("path"));
    List<Path> files = Files.isDirectory(path) ? visibleFiles(path) : Files.isRegularFile(path) ? List.of(path) : List.of();
    if (files.isEmpty()) {
      log.append("upload-artifact: no files were found with the provided path: ").append(with.get("path")).append('\n');
      return !"error".equals(with.getOrDefault("if-no-files-found", "warn"));
    }
    if (artifacts.containsKey(name) && !"true".equals(with.get("overwrite"))) {
      log.append("upload-artifact: (409) Conflict: an artifact with this name already exists on the workflow run\n");
      return false;
    }
    Path root = Files.isDirectory(path) ? path : path.getParent();
    Path stored = Files.createDirectories(base.resolve("artifacts").resolve(name + "-" + artifacts.size() + "-" + attempt));
    for (Path file : files) {
      Path target = stored.resolve(root.relativize(file).toString());
      Files.createDirectories(target.getParent());
      Files.copy(file, target);
    }
    artifacts.remove(name);
    artifacts.put(name, stored);
    log.append("uploaded artifact ").append(name).append(" (").append(files.size()).append(" files)\n");
    return true;
  }

  private boolean download(Map<String, String> with, Path workspace, StringBuilder log) throws IOException {
    Path path = workspace.resolve(with.getOrDefault("path", "."));
    if (with.containsKey("name")) {
      if (!artifacts.containsKey(with.get("name"))) {
        log.append("download-artifact: Artifact '").append(with.get("name")).append("' not found\n");
        return false;
      }
      Trees.copy(artifacts.get(with.get("name")), Files.createDirectories(path));
      return true;
    }
    PathMatcher pattern = FileSystems.getDefault().getPathMatcher("glob:" + with.getOrDefault("pattern", "*"));
    boolean merge = "true".equals(with.get("merge-multiple"));
    for (Map.Entry<String, Path> artifact : artifacts.entrySet()) {
      if (pattern.matches(Path.of(artifact.getKey()))) {
        Trees.copy(artifact.getValue(), Files.createDirectories(merge ? path : path.resolve(artifact.getKey())));
        log.append("downloaded artifact ").append(artifact.getKey()).append('\n');
      }
    }
    return true;
  }

  // ---- run: steps and expressions ----------------------------------------------------------------

  private boolean bash(String script, Map<String, String> env, Path workspace, Path home, Path output,
      StringBuilder log) throws IOException, InterruptedException {
    Path file = Files.writeString(Files.createTempFile(workspace.getParent(), "step", ".sh"), script);
    ProcessBuilder builder = new ProcessBuilder("bash", "-e", file.toString()).directory(workspace.toFile())
        .redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().putAll(Map.of("PATH", path, "HOME", home.toString(), "LANG", "C.UTF-8",
        "CI", "true", "GITHUB_ACTIONS", "true", "GITHUB_WORKSPACE", workspace.toString(), "GITHUB_OUTPUT",
        output.toString(), "GITHUB_RUN_ID", runId, "GITHUB_RUN_ATTEMPT", Integer.toString(attempt),
        // Java reads its home from the password file, not from HOME; on GitHub's runners the two agree.
        "JAVA_TOOL_OPTIONS", "-Duser.home=" + home));
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().close();
    byte[] printed = process.getInputStream().readAllBytes();
    int code = process.waitFor();
    log.append("$ ").append(script.strip()).append('\n').append(new String(printed, StandardCharsets.UTF_8))
        .append("exit ").append(code).append('\n');
    return code == 0;
  }

  private static Map<String, String> outputs(Path githubOutput) throws IOException {
    Map<String, String> outputs = new LinkedHashMap<>();
    for (String line : Files.readAllLines(githubOutput)) {
      int equals = line.indexOf('=');
      assertThat(equals).as("a name=value line in $GITHUB_OUTPUT: %s", line).isPositive();
      outputs.put(line.substring(0, equals), line.substring(equals + 1));
    }
    return outputs;
  }

  private Map<String, String> expandAll(Map<String, Object> values, Map<String, String> matrix,
      Map<String, Map<String, String>> stepOutputs) {
    Map<String, String> expanded = new LinkedHashMap<>();
    values.forEach((k, v) -> expanded.put(k, expand(String.valueOf(v), matrix, stepOutputs)));
    return expanded;
  }

  private String expand(String text, Map<String, String> matrix, Map<String, Map<String, String>> stepOutputs) {
    Matcher m = EXPRESSION.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(evaluate("${{ " + m.group(1) + " }}", matrix, stepOutputs)));
    }
    return m.appendTail(out).toString();
  }

  /** A whole {@code ${{ a || b }}} expression: the first operand that is not empty. */
  private String evaluate(String expression, Map<String, String> matrix, Map<String, Map<String, String>> stepOutputs) {
    Matcher m = EXPRESSION.matcher(expression);
    assertThat(m.matches()).as("an expression: %s", expression).isTrue();
    for (String operand : m.group(1).split("\\s*\\|\\|\\s*")) {
      String value = value(operand, matrix, stepOutputs);
      if (!value.isEmpty()) {
        return value;
      }
    }
    return "";
  }

  private String value(String name, Map<String, String> matrix, Map<String, Map<String, String>> stepOutputs) {
    String[] parts = name.split("\\.");
    return switch (parts[0]) {
      case "matrix" -> matrix.get(parts[1]);
      case "inputs" -> inputs.getOrDefault(parts[1], "");
      case "github" -> switch (parts[1]) {
        case "run_id" -> runId;
        case "run_attempt" -> Integer.toString(attempt);
        default -> throw unknown(name);
      };
      case "steps" -> stepOutputs.getOrDefault(parts[1], Map.of()).getOrDefault(parts[3], "");
      case "needs" -> parts[2].equals("result") ? needsResult(parts[1])
          : String.valueOf(map(map(needs.get(parts[1])).get("outputs")).get(parts[3]));
      default -> throw unknown(name);
    };
  }

  /**
   * An {@code if:}: terms joined by {@code &&}, each a status function or a comparison with a quoted
   * string; without a status function, {@code success()} is implied, as GitHub does.
   */
  private boolean condition(Object condition, boolean failedBefore, Map<String, String> matrix,
      Map<String, Map<String, String>> stepOutputs) {
    if (condition == null) {
      return !failedBefore;
    }
    String text = condition.toString().replaceAll("^\\$\\{\\{\\s*(.*?)\\s*}}$", "$1");
    boolean statusFunction = false;
    boolean holds = true;
    for (String term : text.split("\\s*&&\\s*")) {
      switch (term) {
        case "always()", "!cancelled()" -> statusFunction = true;
        case "success()" -> {
          statusFunction = true;
          holds &= !failedBefore;
        }
        default -> {
          Matcher m = COMPARISON.matcher(term);
          if (!m.matches()) {
            throw unknown(term);
          }
          boolean equal = value(m.group(1), matrix, stepOutputs).equals(m.group(3));
          holds &= m.group(2).equals("==") == equal;
        }
      }
    }
    return holds && (statusFunction || !failedBefore);
  }

  private boolean needsSucceeded(String job) {
    Object need = map(jobs().get(job)).get("needs");
    return need == null || needsResult(need.toString()).equals("success");
  }

  /** A needed job's result: a matrix job fails when one of its runs failed (the newest run of each counts). */
  private String needsResult(String job) {
    Map<String, Object> recorded = needs.get(job);
    if (recorded == null) {
      return "skipped";
    }
    return recorded.entrySet().stream().filter(e -> e.getKey().startsWith("results."))
        .allMatch(e -> e.getValue().equals("success")) ? "success" : "failure";
  }

  private static AssertionError unknown(String expression) {
    return new AssertionError("this test does not know how GitHub evaluates '" + expression
        + "': teach GitHubActions, after checking GitHub's documentation of expressions and contexts");
  }

  private Map<String, Object> jobs() {
    return map(workflow.get("jobs"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    assertThat(value).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }

  // ---- files -------------------------------------------------------------------------------------

  /** The files below {@code root} that upload-artifact uploads: none whose path has a part starting with a dot. */
  private static List<Path> visibleFiles(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> Stream.of(root.relativize(p).toString().split("/")).noneMatch(part -> part.startsWith(".")))
          .sorted().toList();
    }
  }
}
