package org.logitlab.grader.runner;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.logitlab.exercise.Language;
import org.logitlab.grader.Texts;

/**
 * The operating-system isolation of the grading JVMs, the best this machine offers. Java no longer
 * has a SecurityManager; besides the bytecode check, each grading JVM runs inside one of these
 * levels, chosen once by trying each on this machine:
 *
 * <ul>
 *   <li>{@link Level#BWRAP}: bubblewrap. No network (a network namespace of its own: only its own
 *       loopback, nothing listens there), its own process, IPC and host-name namespaces where the
 *       machine allows them, no capabilities, no new user namespaces, and a file system built from nothing: read-only the system folders
 *       (/usr and the /bin, /lib... links), a handful of /etc files the C library and the JVM read,
 *       the JDK, every class-path entry of the command and the given readable folders; read-write only
 *       the scratch folder and a private, size-capped tmpfs /tmp; a fresh /dev and /proc (with
 *       /proc/sys read-only). Everything else, other students' submissions, the repository, $HOME,
 *       does not exist inside. The JVM dies with the grader.
 *   <li>{@link Level#UNSHARE}: {@code unshare -rn}: no network, nothing else. The JVM sees the
 *       whole file system with the grader's permissions.
 *   <li>{@link Level#NONE}: no OS isolation; the bytecode check is the only barrier.
 * </ul>
 *
 * <p>With bubblewrap and unshare, {@code prlimit} (when present) also caps the size of any file the
 * JVM writes ({@link #DEFAULT_MAX_FILE_BYTES}) and turns core dumps off. Heap and wall clock are the
 * caller's ({@code -Xmx}, a timeout); so is the environment (start the wrapped command with an empty
 * one).
 *
 * <p>{@link #detect()} honours {@value #ENVIRONMENT_VARIABLE}: {@code auto} (the default), or
 * {@code bwrap}, {@code unshare}, {@code none} to force a level; a forced level this machine cannot
 * provide is an error, not a silent downgrade. Instances are immutable and thread-safe.
 */
public final class Sandbox {

  /** The environment variable that chooses the level: auto, bwrap, unshare or none. */
  public static final String ENVIRONMENT_VARIABLE = "LOGITLAB_SANDBOX";
  /** The largest file a sandboxed JVM may write, unless {@link #withMaxFileBytes} says otherwise. */
  public static final long DEFAULT_MAX_FILE_BYTES = 64L << 20;
  /** The size of the private /tmp under bubblewrap (where bubblewrap can cap it). */
  public static final long TMP_BYTES = 64L << 20;

  /** An isolation level, from none to the strongest. */
  public enum Level {
    /** No OS isolation. */
    NONE,
    /** A network namespace of its own. */
    UNSHARE,
    /** A bubblewrap container. */
    BWRAP;

    /** One line for reports, in {@code language}. */
    public String description(Language language) {
      return Texts.of(language).text("sandbox." + name());
    }

    /** Reads {@code auto} (empty), {@code none}, {@code unshare}, {@code bwrap} or {@code bubblewrap}. */
    static Optional<Level> parse(String setting) {
      String s = setting == null ? "" : setting.trim().toLowerCase(Locale.ROOT);
      return switch (s) {
        case "", "auto" -> Optional.empty();
        case "none", "off" -> Optional.of(NONE);
        case "unshare" -> Optional.of(UNSHARE);
        case "bwrap", "bubblewrap" -> Optional.of(BWRAP);
        default -> throw new IllegalArgumentException(
            "unknown sandbox level '" + setting + "': use auto, bwrap, unshare or none");
      };
    }
  }

  /** The system folders bound read-only (or recreated as the links they are) when they exist. */
  private static final List<String> SYSTEM = List.of("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32");
  /**
   * What the C library and the JVM read in /etc (users for user.name, the time zone, the loader's
   * cache, host names, the crypto policy of Red Hat JDKs); the JDK's own files in /etc are found
   * through the links in java.home. Not the rest of /etc: a grader run as root would expose
   * /etc/shadow and the host keys, and a student's exception message ends up in the feedback.
   */
  private static final List<String> ETC = List.of("/etc/passwd", "/etc/group", "/etc/nsswitch.conf", "/etc/hosts",
      "/etc/host.conf", "/etc/localtime", "/etc/timezone", "/etc/ld.so.cache", "/etc/ld.so.conf",
      "/etc/ld.so.conf.d", "/etc/crypto-policies");
  private static final Set<String> CLASS_PATH_OPTIONS = Set.of("-cp", "-classpath", "--class-path");
  /** The java launcher's options whose value is the next argument (besides the class path's). */
  private static final Set<String> VALUE_OPTIONS = Set.of("-p", "--module-path", "--upgrade-module-path",
      "--add-modules", "--limit-modules", "--add-reads", "--add-exports", "--add-opens", "--patch-module",
      "--enable-native-access", "--source");
  /** The uid and gid a grader run as root runs the JVM as (inside a user namespace of its own). */
  private static final String NOBODY = "65534";
  private static final long PROBE_SECONDS = 20;

  private static final Map<Level, Probe> PROBES = new EnumMap<>(Level.class);
  private static volatile Sandbox detected;
  private static final Map<Path, List<Path>> JAVA_HOME_TARGETS = new ConcurrentHashMap<>();
  private static final Map<Path, List<Path>> MANIFEST_CLASS_PATHS = new ConcurrentHashMap<>();

  /**
   * What trying a level found.
   *
   * @param launcher the wrapper's command up to (not including) the mounts and the wrapped command,
   *     empty when unavailable
   * @param sizedTmp whether bubblewrap can cap the size of /tmp
   * @param prlimit the prlimit executable, if any
   * @param notes what was chosen, or why the level is unavailable
   */
  private record Probe(List<String> launcher, boolean sizedTmp, Optional<String> prlimit, List<String> notes) {
    boolean available() {
      return !launcher.isEmpty();
    }
  }

  private final Level level;
  private final Probe probe;
  private final long maxFileBytes;
  private final List<String> passedOver;

  private Sandbox(Level level, Probe probe, long maxFileBytes, List<String> passedOver) {
    this.level = level;
    this.probe = probe;
    this.maxFileBytes = maxFileBytes;
    this.passedOver = List.copyOf(passedOver);
  }

  /**
   * The level {@value #ENVIRONMENT_VARIABLE} asks for, else the best this machine offers; tried once
   * per grader JVM.
   *
   * @throws IllegalArgumentException the variable names no level
   * @throws IllegalStateException the variable forces a level this machine cannot provide
   */
  public static Sandbox detect() {
    return detect(System.getenv(ENVIRONMENT_VARIABLE));
  }

  /**
   * The level {@code setting} names ({@code auto}, {@code bwrap}, {@code unshare}, {@code none};
   * null or blank mean auto): for an instructor's command-line flag.
   *
   * @throws IllegalArgumentException {@code setting} names no level
   * @throws IllegalStateException {@code setting} forces a level this machine cannot provide
   */
  public static Sandbox detect(String setting) {
    Optional<Level> forced = Level.parse(setting);
    if (forced.isPresent()) {
      return of(forced.get());
    }
    Sandbox best = detected;
    if (best == null) {
      synchronized (Sandbox.class) {
        best = detected;
        if (best == null) {
          List<String> passedOver = new ArrayList<>();
          for (Level level : List.of(Level.BWRAP, Level.UNSHARE, Level.NONE)) {
            if (available(level)) {
              best = new Sandbox(level, probe(level), DEFAULT_MAX_FILE_BYTES, passedOver);
              break;
            }
            passedOver.add(level.name().toLowerCase(Locale.ROOT) + " unavailable: " + String.join("; ", notes(level)));
          }
          detected = best;
        }
      }
    }
    return best;
  }

  /**
   * Exactly {@code level}.
   *
   * @throws IllegalStateException this machine cannot provide it (the message says why)
   */
  public static Sandbox of(Level level) {
    Probe p = probe(level);
    if (!p.available()) {
      throw new IllegalStateException("the " + level.name().toLowerCase(Locale.ROOT)
          + " sandbox is not available on this machine: " + String.join("; ", p.notes()));
    }
    return new Sandbox(level, p, DEFAULT_MAX_FILE_BYTES, List.of());
  }

  /** Whether this machine can provide {@code level} (tried once, then remembered). */
  public static boolean available(Level level) {
    return probe(level).available();
  }

  /** Why this machine cannot provide {@code level}, or what it chose for it when it can. */
  public static List<String> notes(Level level) {
    return probe(level).notes();
  }

  /** The same isolation with another cap on the size of a written file ({@code <= 0}: none). */
  public Sandbox withMaxFileBytes(long bytes) {
    return new Sandbox(level, probe, bytes, passedOver);
  }

  /** The level in force. */
  public Level level() {
    return level;
  }

  /** The largest file the wrapped command may write, 0 when not capped (no prlimit, or level none). */
  public long maxFileBytes() {
    return level != Level.NONE && limited() ? maxFileBytes : 0;
  }

  /** One line for reports: what the grading JVMs are isolated by, in the language of this JVM. */
  public String description() {
    return description(Language.current());
  }

  /** One line for reports: what the grading JVMs are isolated by, in {@code language}. */
  public String description(Language language) {
    return level.description(language);
  }

  /** Details: why a stronger level was passed over, the options used, the limits. */
  public List<String> notes() {
    List<String> notes = new ArrayList<>(passedOver);
    notes.addAll(probe.notes());
    if (level != Level.NONE) {
      notes.add(limited() ? "files written up to " + (maxFileBytes >> 10) + " KiB, no core dumps"
          : "no limit on the size of written files");
    }
    return notes;
  }

  @Override
  public String toString() {
    return description();
  }

  /**
   * {@code command} (a JVM command line, {@code -cp} included) wrapped for this level, to be started
   * with {@code work} as its working directory.
   *
   * <p>With bubblewrap, inside: the system folders, a few /etc files, the JDK (java.home and the JDK
   * whose {@code bin/java} the command starts) and every entry of the command's class path read-only;
   * {@code readable} read-only (a folder or file; what does not exist is left out); {@code work}
   * read-write, and the working directory; a private /tmp. A path inside another keeps its own
   * mode, so a read-only folder inside {@code work} stays read-only. Paths keep their names.
   *
   * @param command the command, its program an absolute path
   * @param work the scratch folder, the only writable place (must exist)
   * @param readable further folders or files the command may read (the student's classes, MNIST)
   */
  public List<String> wrap(List<String> command, Path work, List<Path> readable) {
    if (command.isEmpty()) {
      throw new IllegalArgumentException("no command to wrap");
    }
    if (level == Level.NONE) {
      return List.copyOf(command);
    }
    if (!Files.isDirectory(work)) {
      throw new IllegalArgumentException("the scratch folder " + work + " does not exist");
    }
    List<String> wrapped = new ArrayList<>();
    if (limited()) {
      wrapped.addAll(List.of(probe.prlimit().get(), "--fsize=" + maxFileBytes, "--core=0", "--"));
    }
    wrapped.addAll(probe.launcher());
    if (level == Level.BWRAP) {
      wrapped.addAll(mounts(command, work, readable, probe.sizedTmp()));
    }
    wrapped.add("--");
    wrapped.addAll(command);
    return List.copyOf(wrapped);
  }

  private boolean limited() {
    return maxFileBytes > 0 && probe.prlimit().isPresent();
  }

  // ---- bubblewrap's file system ----------------------------------------------------------------

  /** A bind mount: {@code path} on itself, read-only or not. */
  private record Bind(Path path, boolean writable) {}

  /** The file system options after the launcher, up to the command. */
  private static List<String> mounts(List<String> command, Path work, List<Path> readable, boolean sizedTmp) {
    List<String> args = new ArrayList<>();
    List<Path> system = new ArrayList<>();
    for (String s : SYSTEM) {
      Path p = Path.of(s);
      if (Files.isSymbolicLink(p)) {
        link(args, p);
        system.add(p);
      } else if (Files.isDirectory(p)) {
        args.addAll(List.of("--ro-bind", s, s));
        system.add(p);
      }
    }
    for (String s : ETC) {
      Path p = Path.of(s);
      if (Files.isSymbolicLink(p) && covered(real(p), system)) {
        link(args, p); // /etc/localtime: the JVM reads the zone's name from the link
      } else if (Files.exists(p)) {
        args.addAll(List.of("--ro-bind", s, s));
      }
    }
    args.addAll(List.of("--proc", "/proc", "--ro-bind", "/proc/sys", "/proc/sys", "--dev", "/dev"));
    if (sizedTmp) {
      args.addAll(List.of("--size", Long.toString(TMP_BYTES)));
    }
    args.addAll(List.of("--tmpfs", "/tmp"));

    // Each path once, writable if any caller wants it writable.
    Map<Path, Boolean> binds = new LinkedHashMap<>();
    Set<Path> homes = new LinkedHashSet<>();
    homes.add(absolute(Path.of(System.getProperty("java.home"))));
    Path program = Path.of(command.get(0));
    if (program.isAbsolute()) {
      Path dir = program.getParent();
      if (dir != null && dir.getParent() != null && isJavaHome(dir.getParent())) {
        homes.add(absolute(dir.getParent()));
      } else {
        binds.put(absolute(program), false);
      }
    }
    for (Path home : homes) {
      binds.put(home, false);
      javaHomeTargets(home).forEach(t -> binds.putIfAbsent(t, false));
    }
    classPath(command, work).forEach(p -> binds.putIfAbsent(p, false));
    readable.forEach(p -> binds.putIfAbsent(absolute(p), false));
    Path scratch = absolute(work);
    binds.put(scratch, true);

    // Parents before children, so that the innermost mount decides; drop what its parent already gives.
    List<Bind> kept = new ArrayList<>();
    binds.entrySet().stream().map(e -> new Bind(e.getKey(), e.getValue()))
        .filter(b -> b.path().getNameCount() > 0 && Files.exists(b.path()) && !covered(b.path(), system))
        .sorted(Comparator.comparingInt(b -> b.path().getNameCount()))
        .forEach(b -> {
          Optional<Bind> parent = kept.stream().filter(k -> b.path().startsWith(k.path()))
              .max(Comparator.comparingInt(k -> k.path().getNameCount()));
          if (parent.isEmpty() || parent.get().writable() != b.writable()) {
            kept.add(b);
          }
        });
    for (Bind b : kept) {
      args.addAll(List.of(b.writable() ? "--bind" : "--ro-bind", b.path().toString(), b.path().toString()));
    }
    // Nothing else is writable: not the empty root bubblewrap builds, not /dev.
    args.addAll(List.of("--remount-ro", "/dev", "--remount-ro", "/", "--chdir", scratch.toString()));
    return args;
  }

  /** Whether {@code home} is a JDK or JRE (it has a release file or a module image). */
  private static boolean isJavaHome(Path home) {
    return Files.isRegularFile(home.resolve("release")) || Files.isRegularFile(home.resolve("lib").resolve("modules"));
  }

  private static void link(List<String> args, Path link) {
    try {
      args.addAll(List.of("--symlink", Files.readSymbolicLink(link).toString(), link.toString()));
    } catch (IOException e) {
      // vanished or unreadable: left out
    }
  }

  /** Whether {@code p} is inside one of the system folders (given by name, links or not). */
  private static boolean covered(Path p, List<Path> system) {
    return system.stream().anyMatch(p::startsWith);
  }

  private static Path absolute(Path p) {
    return p.toAbsolutePath().normalize();
  }

  private static Path real(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return absolute(p);
    }
  }

  /**
   * The entries of the JVM command's {@code -cp} (or its {@code -jar}), with the Class-Path of the
   * manifests of its jars; relative entries are relative to {@code work}, where the command runs.
   * Reading stops at the main class: what follows is the program's.
   */
  static List<Path> classPath(List<String> command, Path work) {
    Set<Path> entries = new LinkedHashSet<>();
    for (int i = 1; i < command.size(); i++) {
      String option = command.get(i);
      boolean classPath = CLASS_PATH_OPTIONS.contains(option);
      if (classPath || option.equals("-jar")) {
        if (i + 1 >= command.size()) {
          break;
        }
        for (String entry : classPath ? command.get(i + 1).split(File.pathSeparator) : new String[] {command.get(i + 1)}) {
          if (entry.equals("*") || entry.endsWith(File.separator + "*")) {
            entry = entry.substring(0, entry.length() - 1);
          }
          if (!entry.isEmpty()) {
            addWithManifest(absolute(work.resolve(entry)), entries);
          }
        }
        if (!classPath) {
          break; // -jar: the program's arguments follow
        }
        i++;
      } else if (VALUE_OPTIONS.contains(option)) {
        i++;
      } else if (!option.startsWith("-")) {
        break; // the main class
      }
    }
    return List.copyOf(entries);
  }

  private static void addWithManifest(Path entry, Set<Path> entries) {
    if (!entries.add(entry) || !Files.isRegularFile(entry)) {
      return;
    }
    for (Path more : MANIFEST_CLASS_PATHS.computeIfAbsent(entry, Sandbox::manifestClassPath)) {
      addWithManifest(more, entries);
    }
  }

  private static List<Path> manifestClassPath(Path jar) {
    try (JarFile file = new JarFile(jar.toFile(), false)) {
      Manifest manifest = file.getManifest();
      String value = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
      if (value == null || value.isBlank()) {
        return List.of();
      }
      List<Path> paths = new ArrayList<>();
      URI base = jar.getParent().toUri();
      for (String url : value.trim().split("\\s+")) {
        try {
          URI uri = base.resolve(url);
          if ("file".equals(uri.getScheme())) {
            paths.add(absolute(Path.of(uri)));
          }
        } catch (RuntimeException e) {
          // not a usable entry; the JVM ignores it too
        }
      }
      return List.copyOf(paths);
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  /**
   * What the links inside a JDK point to outside it (Debian keeps the JDK's configuration in
   * /etc/java-17-openjdk and its certificates in /etc/ssl/certs/java), as the real files.
   */
  private static List<Path> javaHomeTargets(Path home) {
    return JAVA_HOME_TARGETS.computeIfAbsent(home, h -> {
      Path realHome = real(h);
      Set<Path> targets = new LinkedHashSet<>();
      try (Stream<Path> files = Files.walk(h)) {
        files.filter(Files::isSymbolicLink).forEach(link -> {
          try {
            Path target = link.toRealPath();
            if (!target.startsWith(realHome) && !target.startsWith(h)) {
              targets.add(target);
            }
          } catch (IOException e) {
            // a dangling link (an optional library not installed): nothing to show
          }
        });
      } catch (IOException | RuntimeException e) {
        // an unreadable corner of the JDK: what was found is bound
      }
      return List.copyOf(targets);
    });
  }

  // ---- detection -------------------------------------------------------------------------------

  private static synchronized Probe probe(Level level) {
    return PROBES.computeIfAbsent(level, Sandbox::tryLevel);
  }

  private static Probe tryLevel(Level level) {
    if (level == Level.NONE) {
      return new Probe(List.of("(none)"), false, Optional.empty(), List.of("no OS isolation"));
    }
    if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
      return unavailable("namespaces need Linux; this is " + System.getProperty("os.name"));
    }
    Optional<String> truth = executable("true");
    if (truth.isEmpty()) {
      return unavailable("no 'true' program to try it with");
    }
    Optional<String> prlimit = executable("prlimit")
        .filter(p -> run(List.of(p, "--fsize=" + DEFAULT_MAX_FILE_BYTES, "--core=0", "--", truth.get())).isEmpty());
    boolean root = isRoot();
    return level == Level.BWRAP ? tryBwrap(truth.get(), prlimit, root) : tryUnshare(truth.get(), prlimit, root);
  }

  private static Probe tryUnshare(String truth, Optional<String> prlimit, boolean root) {
    Optional<String> unshare = executable("unshare");
    if (unshare.isEmpty()) {
      return unavailable("unshare is not installed (package util-linux)");
    }
    List<List<String>> candidates = new ArrayList<>();
    // A user namespace of its own even as root: then the JVM cannot join the host's network again.
    candidates.add(List.of(unshare.get(), "--map-root-user", "--net"));
    if (root) {
      candidates.add(List.of(unshare.get(), "--net"));
    }
    List<String> failures = new ArrayList<>();
    for (List<String> launcher : candidates) {
      List<String> test = new ArrayList<>(launcher);
      test.addAll(List.of("--", truth));
      Optional<String> failure = run(test);
      if (failure.isEmpty()) {
        return new Probe(launcher, false, prlimit, List.of(String.join(" ", launcher.subList(1, launcher.size()))));
      }
      failures.add(String.join(" ", launcher) + ": " + failure.get());
    }
    return unavailable(String.join("; ", failures));
  }

  private static Probe tryBwrap(String truth, Optional<String> prlimit, boolean root) {
    Optional<String> bwrap = executable("bwrap");
    if (bwrap.isEmpty()) {
      return unavailable("bwrap is not installed (package bubblewrap)");
    }
    String help = output(List.of(bwrap.get(), "--help"));
    List<String> base = new ArrayList<>(List.of(bwrap.get(), "--die-with-parent", "--new-session", "--unshare-net"));
    if (root) {
      // As root, bubblewrap keeps every capability unless told otherwise.
      base.addAll(List.of("--cap-drop", "ALL"));
    }
    List<String> full = new ArrayList<>(base);
    full.addAll(List.of("--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try", "--unshare-user"));
    if (root) {
      full.addAll(List.of("--uid", NOBODY, "--gid", NOBODY));
    }
    if (help.contains("--disable-userns")) {
      full.add("--disable-userns");
    }
    boolean canSize = help.contains("--size");
    List<String> failures = new ArrayList<>();
    Path scratch = null;
    try {
      scratch = Files.createTempDirectory("logitlab-sandbox-probe");
      // Everything this bubblewrap knows; else only what any bubblewrap does.
      for (boolean strong : List.of(true, false)) {
        List<String> launcher = List.copyOf(strong ? full : base);
        boolean sized = strong && canSize;
        List<String> test = new ArrayList<>(launcher);
        test.addAll(mounts(List.of(truth), scratch, List.of(), sized));
        test.add("--");
        test.add(truth);
        Optional<String> failure = run(test);
        if (failure.isEmpty()) {
          return new Probe(launcher, sized, prlimit,
              List.of(String.join(" ", launcher.subList(1, launcher.size())) + (sized ? ", /tmp capped" : "")));
        }
        failures.add(failure.get());
      }
    } catch (IOException e) {
      failures.add("no temporary folder to try it in: " + e.getMessage());
    } finally {
      if (scratch != null) {
        try {
          Files.deleteIfExists(scratch);
        } catch (IOException e) {
          // an empty folder left in the temporary folder
        }
      }
    }
    return unavailable("bwrap does not work here: " + String.join("; ", failures));
  }

  private static Probe unavailable(String why) {
    return new Probe(List.of(), false, Optional.empty(), List.of(why));
  }

  private static boolean isRoot() {
    try {
      // /proc/self is a link (owned by root) to this process's folder (owned by its effective user).
      return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
    } catch (IOException | RuntimeException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  /** {@code name} on the PATH, or in the usual system folders, as an absolute path. */
  private static Optional<String> executable(String name) {
    Set<String> dirs = new LinkedHashSet<>();
    String path = System.getenv("PATH");
    if (path != null) {
      dirs.addAll(List.of(path.split(File.pathSeparator)));
    }
    dirs.addAll(List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin", "/usr/local/bin"));
    for (String dir : dirs) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (candidate.isAbsolute() && Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(absolute(candidate).toString());
      }
    }
    return Optional.empty();
  }

  /** Runs {@code command} with an empty environment: empty when it exits 0, else why not. */
  private static Optional<String> run(List<String> command) {
    Path out = null;
    try {
      out = Files.createTempFile("logitlab-sandbox-probe", ".txt");
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      builder.environment().clear();
      Process process = builder.start();
      if (!process.waitFor(PROBE_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return Optional.of("no answer after " + PROBE_SECONDS + " s");
      }
      if (process.exitValue() == 0) {
        return Optional.empty();
      }
      String text = Files.readString(out, StandardCharsets.ISO_8859_1).strip().replaceAll("\\s+", " ");
      text = text.length() > 300 ? text.substring(0, 300) + "..." : text;
      return Optional.of("exit code " + process.exitValue() + (text.isEmpty() ? "" : " (" + text + ")"));
    } catch (IOException e) {
      return Optional.of(String.valueOf(e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted");
    } finally {
      if (out != null) {
        try {
          Files.deleteIfExists(out);
        } catch (IOException e) {
          // a small file left in the temporary folder
        }
      }
    }
  }

  /** What {@code command} prints (standard output and error), empty if it cannot run. */
  private static String output(List<String> command) {
    Path out = null;
    try {
      out = Files.createTempFile("logitlab-sandbox-probe", ".txt");
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
      if (!process.waitFor(PROBE_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      return Files.readString(out, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    } finally {
      if (out != null) {
        try {
          Files.deleteIfExists(out);
        } catch (IOException e) {
          // a small file left in the temporary folder
        }
      }
    }
  }
}
