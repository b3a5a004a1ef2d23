package org.logitlab.grader.submission;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.logitlab.exercise.Exercise;
import org.logitlab.exercise.Language;
import org.logitlab.exercise.Messages;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Checks a compiled exercise before any of it runs: the Java SecurityManager is deprecated, so the
 * grader reads the student's bytecode and refuses to run it unless every class is where it belongs
 * and everything it references is on an allow-list.
 *
 * <p><b>Placement.</b> Every class must be in the exercise's package: the exercise's own type (which
 * must be there), its nested, local and anonymous classes, and new top-level classes whose names
 * the given code does not use (a student class named like a given class would be confused with it: the
 * grading JVM would load one of the two, by class path order).
 *
 * <p><b>References</b> (method calls, field accesses, types used by instructions, method references,
 * catch types, supertypes and the types of declared fields and methods) must be to the given
 * {@code org.logitlab} API (not the grader, the relocated reference, the data sets, the command line,
 * the skeleton generator or the class loader), to the basic {@code java.lang} classes (strings, math,
 * boxed numbers, exceptions, a few members of {@code Class} and {@code System}, printing to
 * {@code System.out}/{@code err}), to the {@code java.util} collections and utilities, or to
 * {@code java.util.function} and {@code java.util.stream} (never parallel). {@code invokedynamic} may
 * only use the bootstrap methods javac emits for lambdas, string concatenation, records and switches.
 * Everything else is refused, with a reason a student can act on.
 *
 * <p><b>The exercise's own work.</b> Last, {@link GivenCodeCheck} refuses exercise code that hands its
 * computation to given code that already does it (each exercise's rules say which).
 */
public final class BytecodeCheck {

  /** At most this many violations are listed; a last line says how many more there were. */
  static final int MAX_VIOLATIONS = 50;

  /** The resource bundle of what the checks tell a student (Korean in {@code bytecode_ko.properties}). */
  public static final String MESSAGES = "org.logitlab.grader.submission.bytecode";

  /** The keys of the reasons many references share, in {@value #MESSAGES}. */
  private static final String STOP = "reason.stop";
  private static final String THREADS = "reason.threads";
  private static final String PROCESSES = "reason.processes";
  private static final String FILES = "reason.files";
  private static final String NETWORK = "reason.network";
  private static final String ENVIRONMENT = "reason.environment";
  private static final String PROPERTIES = "reason.properties";
  private static final String STREAMS = "reason.streams";
  private static final String REFLECTION = "reason.reflection";
  private static final String LOADERS = "reason.loaders";
  private static final String INTERNALS = "reason.internals";
  private static final String REFERENCES = "reason.references";
  private static final String FINALIZER = "reason.finalizer";
  private static final String PARALLEL = "reason.parallel";
  private static final String INVOKE = "reason.invoke";

  /** java.lang classes whose every member may be used. */
  private static final Set<String> JAVA_LANG = Set.of(
      "Object", "String", "StringBuilder", "StringBuffer", "CharSequence", "Appendable", "Math", "StrictMath",
      "Number", "Integer", "Long", "Double", "Float", "Short", "Byte", "Character", "Character$UnicodeBlock",
      "Character$UnicodeScript", "Character$Subset", "Boolean", "Iterable", "Comparable", "AutoCloseable",
      "Runnable", "Cloneable", "Enum", "Record", "Void",
      // throwables
      "Throwable", "Exception", "RuntimeException", "Error",
      "ArithmeticException", "ArrayIndexOutOfBoundsException", "ArrayStoreException", "ClassCastException",
      "EnumConstantNotPresentException", "IllegalArgumentException", "IllegalMonitorStateException",
      "IllegalStateException", "IndexOutOfBoundsException", "NegativeArraySizeException", "NullPointerException",
      "NumberFormatException", "StringIndexOutOfBoundsException", "UnsupportedOperationException",
      "CloneNotSupportedException", "InterruptedException",
      "AssertionError", "LinkageError", "IncompatibleClassChangeError", "NoSuchFieldError", "NoSuchMethodError",
      "AbstractMethodError", "IllegalAccessError", "InstantiationError", "NoClassDefFoundError",
      "ExceptionInInitializerError", "BootstrapMethodError", "VirtualMachineError", "OutOfMemoryError",
      "StackOverflowError", "InternalError", "MatchException");

  /** java.util classes whose every member may be used (except the parallel ones). */
  private static final Set<String> JAVA_UTIL = Set.of(
      "Arrays", "Random", "SplittableRandom", "Objects", "Optional", "OptionalInt", "OptionalDouble", "OptionalLong",
      "Collections", "Collection", "List", "ArrayList", "LinkedList", "Vector", "Stack", "Map", "Map$Entry", "HashMap",
      "LinkedHashMap", "TreeMap", "SortedMap", "NavigableMap", "Hashtable", "Dictionary", "IdentityHashMap",
      "EnumMap", "Set", "HashSet", "LinkedHashSet", "TreeSet", "SortedSet", "NavigableSet", "EnumSet", "Queue",
      "Deque", "ArrayDeque", "PriorityQueue", "Iterator", "ListIterator", "Enumeration", "RandomAccess",
      "AbstractCollection", "AbstractList", "AbstractSequentialList", "AbstractSet", "AbstractQueue", "AbstractMap",
      "AbstractMap$SimpleEntry", "AbstractMap$SimpleImmutableEntry", "Spliterator", "Spliterator$OfInt",
      "Spliterator$OfLong", "Spliterator$OfDouble", "Spliterator$OfPrimitive", "Spliterators",
      "Spliterators$AbstractSpliterator", "Spliterators$AbstractIntSpliterator",
      "Spliterators$AbstractLongSpliterator", "Spliterators$AbstractDoubleSpliterator", "PrimitiveIterator",
      "PrimitiveIterator$OfInt", "PrimitiveIterator$OfLong", "PrimitiveIterator$OfDouble", "Comparator", "BitSet",
      "StringJoiner", "Locale", "IntSummaryStatistics", "LongSummaryStatistics", "DoubleSummaryStatistics",
      "NoSuchElementException", "ConcurrentModificationException", "EmptyStackException",
      "IllegalFormatException");

  /** The bootstrap methods javac emits, as owner.name. */
  private static final Set<String> BOOTSTRAPS = Set.of(
      "java/lang/invoke/LambdaMetafactory.metafactory", "java/lang/invoke/LambdaMetafactory.altMetafactory",
      "java/lang/invoke/StringConcatFactory.makeConcatWithConstants",
      "java/lang/invoke/StringConcatFactory.makeConcat", "java/lang/runtime/ObjectMethods.bootstrap",
      "java/lang/runtime/SwitchBootstraps.typeSwitch", "java/lang/runtime/SwitchBootstraps.enumSwitch");

  /** The members of {@link Object} that may be used on any class, including the restricted ones. */
  private static final Set<String> OBJECT_METHODS = Set.of(
      "hashCode()I", "equals(Ljava/lang/Object;)Z", "toString()Ljava/lang/String;", "getClass()Ljava/lang/Class;");

  private static final Set<String> PRINTING = Set.of("print", "println", "printf", "format", "write", "writeBytes",
      "append", "flush");

  private BytecodeCheck() {}

  /**
   * Checks the classes the exercise file compiled to.
   *
   * @param exercise the exercise whose file was compiled
   * @param classesDir the folder the file was compiled into, and nothing else
   * @param language the language of the violations
   * @return the violations, each a sentence for the student naming the class, method and line, what
   *     it referenced and why that is not allowed; empty when the classes may run
   * @throws IOException if a class file cannot be read
   */
  public static List<String> check(Exercise exercise, Path classesDir, Language language) throws IOException {
    Messages messages = Messages.of(MESSAGES, language);
    List<String> violations = new Run(exercise, classesDir, BytecodeCheck.class.getClassLoader(), messages).check();
    return violations.isEmpty() ? GivenCodeCheck.check(exercise, classesDir, messages) : violations;
  }

  /** {@link #check(Exercise, Path, Language)} in the language of this JVM. */
  public static List<String> check(Exercise exercise, Path classesDir) throws IOException {
    return check(exercise, classesDir, Language.current());
  }

  /** One check of one folder. */
  private static final class Run {

    private final String pkg;
    private final String type;
    private final String fileName;
    private final Path dir;
    private final ClassLoader given;
    /** Keyed by where and what, so one statement does not produce the same complaint three times. */
    private final Map<String, Violation> violations = new LinkedHashMap<>();
    private final Map<String, Info> classes = new HashMap<>();
    private final Messages messages;

    Run(Exercise exercise, Path dir, ClassLoader given, Messages messages) {
      this.messages = messages;
      String source = exercise.sourceFile();
      this.pkg = source.substring(0, source.lastIndexOf('/'));
      this.type = source.substring(0, source.length() - ".java".length());
      this.fileName = source.substring(source.lastIndexOf('/') + 1);
      this.dir = dir;
      this.given = given;
    }

    /** The message {@code key} of {@value #MESSAGES}, filled. */
    private String say(String key, Object... namesAndValues) {
      return messages.text(key, namesAndValues);
    }

    List<String> check() throws IOException {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(dir)) {
        files = walk.filter(Files::isRegularFile).sorted().toList();
      }
      Map<String, ClassReader> readers = new LinkedHashMap<>();
      for (Path file : files) {
        String relative = dir.relativize(file).toString().replace('\\', '/');
        if (!relative.endsWith(".class")) {
          add("", 0, say("file.notClass", "file", fileName, "path", relative));
          continue;
        }
        byte[] bytes = Files.readAllBytes(file);
        ClassReader reader;
        Info info = new Info();
        try {
          reader = new ClassReader(bytes);
          reader.accept(info, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        } catch (RuntimeException e) {
          add("", 0, say("file.invalid", "path", relative, "error", e));
          continue;
        }
        String name = info.name;
        if (!relative.equals(name + ".class")) {
          add("", 0, say("file.misnamed", "path", relative, "type", dotted(name)));
          continue;
        }
        classes.put(name, info);
        readers.put(name, reader);
      }
      if (!classes.containsKey(type)) {
        add("", 0, say("file.noType", "file", fileName, "type", dotted(type)));
      }
      for (Map.Entry<String, ClassReader> entry : readers.entrySet()) {
        String name = entry.getKey();
        if (placed(name)) {
          try {
            entry.getValue().accept(new ClassCheck(), ClassReader.SKIP_FRAMES);
          } catch (RuntimeException e) {
            add(name, 0, say("file.unchecked", "path", name + ".class", "error", e));
          }
        }
      }
      List<String> out = new ArrayList<>();
      for (Violation v : violations.values()) {
        if (out.size() == MAX_VIOLATIONS) {
          out.add(say("more", "count", violations.size() - MAX_VIOLATIONS));
          break;
        }
        out.add(v.message());
      }
      return out;
    }

    /** Whether the class may be in the folder; reports it if not. */
    private boolean placed(String name) {
      int slash = name.lastIndexOf('/');
      String classPkg = slash < 0 ? "" : name.substring(0, slash);
      if (!classPkg.equals(pkg)) {
        add("", 0, classPkg.isEmpty()
            ? say("place.unnamedPackage", "file", fileName, "type", dotted(name), "package", dotted(pkg))
            : say("place.otherPackage", "file", fileName, "type", dotted(name), "other", dotted(classPkg), "package",
                dotted(pkg)));
        return false;
      }
      if (!name.equals(type) && !name.startsWith(type + "$") && given.getResource(name + ".class") != null) {
        add("", 0, say("place.replaces", "file", fileName, "type", dotted(name), "outer", simple(type)));
        return false;
      }
      return true;
    }

    // ---------------------------------------------------------------------------------------------
    // The policy

    /** Why the class may not be used at all, or null if it may (at least in part). */
    private String typeProblem(String internal) {
      if (classes.containsKey(internal)) {
        return null;
      }
      if (internal.startsWith("org/logitlab/")) {
        if (internal.startsWith("org/logitlab/grader/")) {
          return say("reason.grader", "type", dotted(internal));
        }
        if (internal.startsWith("org/logitlab/reference/")) {
          return say("reason.reference", "type", dotted(internal));
        }
        if (internal.startsWith("org/logitlab/data/")) {
          return say("reason.data", "type", dotted(internal), "reason", say(FILES));
        }
        if (internal.startsWith("org/logitlab/io/")) {
          return say("reason.io", "type", dotted(internal), "reason", say(FILES));
        }
        if (internal.startsWith("org/logitlab/cli/")) {
          return say("reason.cli", "type", dotted(internal));
        }
        if (internal.startsWith("org/logitlab/tools/")) {
          return say("reason.tools", "type", dotted(internal));
        }
        if (internal.startsWith("org/logitlab/linalg/Parallelism")) {
          return say("reason.parallelism", "type", dotted(internal), "reason", say(THREADS));
        }
        return null;
      }
      if (internal.startsWith("java/lang/") && internal.indexOf('/', "java/lang/".length()) < 0) {
        String simple = internal.substring("java/lang/".length());
        if (JAVA_LANG.contains(simple) || simple.equals("Class") || simple.equals("System")) {
          return null;
        }
      }
      if (internal.startsWith("java/util/") && JAVA_UTIL.contains(internal.substring("java/util/".length()))) {
        return null;
      }
      if (internal.startsWith("java/util/function/")
          || internal.startsWith("java/util/stream/") && !internal.startsWith("java/util/stream/StreamSupport")) {
        return null;
      }
      if (internal.equals("java/io/PrintStream") || internal.equals("java/io/Serializable")) {
        return null;
      }
      return typeReason(internal);
    }

    /** The reason a class that is not on the allow-list is refused. */
    private String typeReason(String internal) {
      if (internal.equals("java/lang/Runtime")) {
        return say("reason.runtime");
      }
      if (internal.startsWith("java/lang/Thread") || internal.equals("java/lang/ThreadGroup")
          || internal.startsWith("java/lang/ThreadLocal") || internal.startsWith("java/lang/InheritableThreadLocal")
          || internal.startsWith("java/util/Timer") || internal.startsWith("java/util/concurrent/ThreadLocalRandom")) {
        return internal.contains("ThreadLocalRandom") ? say("reason.threadLocalRandom") : say(THREADS);
      }
      if (internal.startsWith("java/util/concurrent/")) {
        return say("reason.concurrent", "reason", say(THREADS));
      }
      if (internal.startsWith("java/util/stream/StreamSupport")) {
        return say("reason.streamSupport", "reason", say(PARALLEL));
      }
      if (internal.startsWith("java/lang/Process")) {
        return say(PROCESSES);
      }
      if (internal.equals("java/lang/ClassLoader") || internal.endsWith("ClassLoader")
          || internal.equals("java/util/ServiceLoader") || internal.startsWith("java/util/ResourceBundle")) {
        return say(LOADERS);
      }
      if (internal.startsWith("java/io/") || internal.startsWith("java/nio/file/")
          || internal.startsWith("java/nio/channels/") || internal.startsWith("java/util/zip/")
          || internal.startsWith("java/util/jar/") || internal.startsWith("java/util/prefs/")
          || internal.startsWith("java/util/logging/") || internal.equals("java/util/Scanner")
          || internal.equals("java/util/Formatter") || internal.equals("java/util/Properties")
          || internal.startsWith("javax/imageio/") || internal.startsWith("java/awt/")) {
        return say("reason.othersFiles");
      }
      if (internal.startsWith("java/net/") || internal.startsWith("javax/net/") || internal.startsWith("java/rmi/")
          || internal.startsWith("javax/management/remote/") || internal.startsWith("jdk/net/")) {
        return say(NETWORK);
      }
      if (internal.startsWith("java/lang/reflect/") || internal.startsWith("java/lang/Module")
          || internal.equals("java/lang/StackWalker") || internal.startsWith("java/lang/StackWalker$")
          || internal.startsWith("java/lang/constant/") || internal.startsWith("java/lang/instrument/")
          || internal.startsWith("java/beans/")) {
        return say(REFLECTION);
      }
      if (internal.startsWith("java/lang/invoke/") || internal.startsWith("java/lang/runtime/")) {
        return say(INVOKE);
      }
      if (internal.startsWith("java/lang/ref/")) {
        return say(REFERENCES);
      }
      if (internal.startsWith("sun/") || internal.startsWith("jdk/") || internal.startsWith("com/sun/")
          || internal.startsWith("java/lang/management/") || internal.equals("java/lang/SecurityManager")) {
        return say(INTERNALS);
      }
      if (internal.startsWith("java/lang/System$")) {
        return say(ENVIRONMENT);
      }
      return say("reason.notListed", "type", dotted(internal));
    }

    /**
     * Why a member of a class outside the submission may not be used, or null. Reasons about a
     * specific member (System.exit) rank above reasons about its class (Runtime).
     */
    private Problem memberProblem(String owner, String name, String desc, boolean field) {
      String specific = field ? fieldReason(owner, name) : methodReason(owner, name, desc);
      if (specific != null) {
        return new Problem(specific, 2, owner);
      }
      String typeProblem = typeProblem(owner);
      if (typeProblem != null) {
        return new Problem(typeProblem, 1, owner);
      }
      return typesProblem(field ? Type.getType(desc) : Type.getMethodType(desc));
    }

    /** The reason a field of a usable class is refused, or null. */
    private String fieldReason(String owner, String name) {
      if (owner.equals("java/lang/System") && !name.equals("out") && !name.equals("err")) {
        return name.equals("in") ? say(STREAMS) : say(ENVIRONMENT);
      }
      return null;
    }

    /** The reason a method is refused whatever its owner's class, or null. */
    private String methodReason(String owner, String name, String desc) {
      if (name.equals("wait") || name.equals("notify") || name.equals("notifyAll")) {
        return say("reason.monitor", "method", name, "reason", say(THREADS));
      }
      if (name.equals("finalize") && desc.equals("()V")) {
        return say(FINALIZER);
      }
      boolean jdk = owner.startsWith("java/") || owner.startsWith("javax/") || owner.startsWith("jdk/")
          || owner.startsWith("sun/");
      if (jdk && name.startsWith("parallel")) {
        return say(PARALLEL);
      }
      if (OBJECT_METHODS.contains(name + desc)) {
        return null;
      }
      switch (owner) {
        case "java/lang/System":
          return switch (name) {
            case "arraycopy", "nanoTime", "currentTimeMillis", "identityHashCode", "lineSeparator" -> null;
            case "exit" -> say(STOP);
            case "getenv" -> say("reason.getenv");
            case "getProperty", "getProperties", "setProperty", "setProperties", "clearProperty" -> say(PROPERTIES);
            case "setIn", "setOut", "setErr", "console", "inheritedChannel" -> say(STREAMS);
            case "load", "loadLibrary", "mapLibraryName" -> say("reason.nativeLoad");
            case "gc", "runFinalization" -> say("reason.gc");
            default -> say(ENVIRONMENT);
          };
        case "java/lang/Runtime":
          return switch (name) {
            case "exit", "halt" -> say(STOP);
            case "exec" -> say(PROCESSES);
            case "addShutdownHook", "removeShutdownHook" -> say(THREADS);
            case "load", "loadLibrary" -> say("reason.nativeLoad");
            default -> null; // the class's reason
          };
        case "java/lang/Class":
          return switch (name) {
            case "desiredAssertionStatus", "getName", "getSimpleName" -> null;
            case "getResource", "getResourceAsStream" -> say("reason.resources");
            case "getClassLoader", "getModule", "getProtectionDomain" -> say(LOADERS);
            default -> say("reason.classReflection");
          };
        case "java/io/PrintStream":
          if (PRINTING.contains(name)) {
            return null;
          }
          return name.equals("<init>")
              ? say("reason.printStream")
              : say(STREAMS);
        case "java/lang/Integer", "java/lang/Long", "java/lang/Boolean":
          return name.equals("getInteger") || name.equals("getLong") || name.equals("getBoolean") ? say(PROPERTIES) : null;
        case "java/util/Locale":
          return name.equals("setDefault") ? say("reason.locale") : null;
        default:
          return null;
      }
    }

    /** Why one of the classes in a field or method descriptor (or a type) may not be used, or null. */
    private Problem typesProblem(Type t) {
      if (t.getSort() == Type.METHOD) {
        Problem p = typesProblem(t.getReturnType());
        for (Type arg : t.getArgumentTypes()) {
          p = p != null ? p : typesProblem(arg);
        }
        return p;
      }
      if (t.getSort() == Type.ARRAY) {
        t = t.getElementType();
      }
      if (t.getSort() != Type.OBJECT) {
        return null;
      }
      String p = typeProblem(t.getInternalName());
      return p == null ? null : new Problem(p, 1, t.getInternalName());
    }

    /** The problem with a reference to a member, resolving members a submission's class inherits. */
    private Problem referenceProblem(String owner, String name, String desc, boolean field) {
      if (owner.startsWith("[")) { // a method of an array, such as clone()
        Type element = Type.getObjectType(owner).getElementType();
        if (element.getSort() == Type.OBJECT) {
          String p = typeProblem(element.getInternalName());
          if (p != null) {
            return new Problem(p, 1, element.getInternalName());
          }
        }
        owner = "java/lang/Object";
      }
      if (!classes.containsKey(owner)) {
        return memberProblem(owner, name, desc, field);
      }
      // A member of one of the submission's classes: its own code is checked; an inherited member is
      // checked against every class and interface outside the submission it could come from.
      Set<String> foreign = new LinkedHashSet<>();
      if (declares(owner, name, desc, field, foreign)) {
        return null;
      }
      for (String supertype : foreign) {
        Problem p = memberProblem(supertype, name, desc, field);
        if (p != null) {
          return new Problem(p.reason(), p.rank(), p.type(), supertype);
        }
      }
      return null;
    }

    /**
     * Whether {@code owner} or one of its supertypes in the submission declares the member; collects
     * the supertypes outside the submission into {@code foreign}.
     */
    private boolean declares(String owner, String name, String desc, boolean field, Set<String> foreign) {
      Deque<String> todo = new ArrayDeque<>(List.of(owner));
      Set<String> seen = new HashSet<>();
      while (!todo.isEmpty()) {
        String c = todo.pop();
        if (!seen.add(c)) {
          continue;
        }
        Info info = classes.get(c);
        if (info == null) {
          foreign.add(c);
          continue;
        }
        if (field ? info.fields.contains(name) : info.methods.contains(name + desc)) {
          return true;
        }
        if (info.superName != null) {
          todo.add(info.superName);
        }
        todo.addAll(info.interfaces);
      }
      return false;
    }

    // ---------------------------------------------------------------------------------------------
    // Reporting

    private record Problem(String reason, int rank, String type, String inheritedFrom) {
      Problem(String reason, int rank, String type) {
        this(reason, rank, type, null);
      }
    }

    private record Violation(String message, int rank) {}

    private void add(String key, int rank, String message) {
      String k = key.isEmpty() ? message : key;
      Violation old = violations.get(k);
      if (old == null || rank > old.rank()) {
        violations.put(k, new Violation(message, rank));
      }
    }

    /** Records a problem at a place, once per place and class referenced, keeping the most specific. */
    private void report(String where, String what, Problem p) {
      add(where + "\u0000" + p.type(), p.rank(), p.inheritedFrom() == null
          ? say("violation", "where", where, "what", what, "reason", p.reason())
          : say("violation.inherited", "where", where, "what", what, "supertype", dotted(p.inheritedFrom()), "reason",
              p.reason()));
    }

    /** The visitor that checks one class of the submission. */
    private final class ClassCheck extends ClassVisitor {

      private String name;
      private String source = fileName;

      ClassCheck() {
        super(Opcodes.ASM9);
      }

      private String where() {
        return simple(name) + " (" + source + ")";
      }

      @Override
      public void visit(int version, int access, String name, String signature, String superName,
          String[] interfaces) {
        this.name = name;
        if (superName != null) {
          String p = typeProblem(superName);
          if (p != null) {
            report(where(), say("what.extends", "type", dotted(superName)), new Problem(p, 1, superName));
          }
        }
        for (String i : interfaces) {
          String p = typeProblem(i);
          if (p != null) {
            report(where(), say("what.implements", "type", dotted(i)), new Problem(p, 1, i));
          }
        }
      }

      @Override
      public void visitSource(String source, String debug) {
        if (source != null) {
          this.source = source;
        }
      }

      @Override
      public void visitPermittedSubclass(String permittedSubclass) {
        String p = typeProblem(permittedSubclass);
        if (p != null) {
          report(where(), say("what.permits", "type", dotted(permittedSubclass)), new Problem(p, 1, permittedSubclass));
        }
      }

      @Override
      public FieldVisitor visitField(int access, String field, String descriptor, String signature, Object value) {
        Problem p = typesProblem(Type.getType(descriptor));
        if (p != null) {
          report(where(), say("what.field", "field", field, "type", Type.getType(descriptor).getClassName()), p);
        }
        return null;
      }

      @Override
      public MethodVisitor visitMethod(int access, String method, String descriptor, String signature,
          String[] exceptions) {
        return new MethodCheck(this, access, method, descriptor, exceptions);
      }
    }

    /** The visitor that checks one method's declaration and code. */
    private final class MethodCheck extends MethodVisitor {

      private final ClassCheck owner;
      private final String display;
      private final int access;
      private final String method;
      private final String descriptor;
      private final String[] exceptions;
      private int line;
      private int firstLine;
      /** Catch types that are refused, reported at their handler's line. */
      private final Map<Label, List<Runnable>> handlers = new HashMap<>();

      MethodCheck(ClassCheck owner, int access, String method, String descriptor, String[] exceptions) {
        super(Opcodes.ASM9);
        this.owner = owner;
        this.access = access;
        this.method = method;
        this.descriptor = descriptor;
        this.exceptions = exceptions;
        this.display = displayName(messages, simple(owner.name), method);
      }

      private String where() {
        return display + " (" + owner.source + (line > 0 ? ":" + line : "") + ")";
      }

      @Override
      public void visitLineNumber(int line, Label start) {
        this.line = line;
        if (firstLine == 0) {
          firstLine = line;
        }
        List<Runnable> pending = handlers.remove(start);
        if (pending != null) {
          pending.forEach(Runnable::run);
        }
      }

      @Override
      public void visitTypeInsn(int opcode, String type) {
        Type t = Type.getObjectType(type);
        Problem p = typesProblem(t);
        if (p != null) {
          report(where(), say(opcode == Opcodes.NEW ? "what.creates" : "what.uses", "type", t.getClassName()), p);
        }
      }

      @Override
      public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
        Type t = Type.getType(descriptor);
        Problem p = typesProblem(t);
        if (p != null) {
          report(where(), say("what.uses", "type", t.getClassName()), p);
        }
      }

      @Override
      public void visitFieldInsn(int opcode, String fieldOwner, String field, String desc) {
        Problem p = referenceProblem(fieldOwner, field, desc, true);
        if (p != null) {
          String verb = opcode == Opcodes.GETFIELD || opcode == Opcodes.GETSTATIC ? "what.reads" : "what.writes";
          report(where(), say(verb, "field", dotted(fieldOwner) + "." + field), p);
        }
      }

      @Override
      public void visitMethodInsn(int opcode, String methodOwner, String name, String desc, boolean isInterface) {
        Problem p = referenceProblem(methodOwner, name, desc, false);
        if (p != null) {
          report(where(), say("what.calls", "method", methodText(methodOwner, name, desc)), p);
        }
      }

      @Override
      public void visitInvokeDynamicInsn(String name, String desc, Handle bsm, Object... args) {
        if (bsm.getTag() != Opcodes.H_INVOKESTATIC || !BOOTSTRAPS.contains(bsm.getOwner() + "." + bsm.getName())) {
          report(where(), say("what.bootstrap", "method", dotted(bsm.getOwner()) + "." + bsm.getName()),
              new Problem(say("reason.bootstrap", "reason", say(INVOKE)), 1, bsm.getOwner()));
          return;
        }
        Problem p = typesProblem(Type.getMethodType(desc));
        if (p != null) {
          report(where(), say("what.lambda", "type", dotted(p.type())), p);
        }
        for (Object arg : args) {
          constant(arg, true);
        }
      }

      @Override
      public void visitLdcInsn(Object value) {
        constant(value, false);
      }

      /** Checks a constant: of an ldc, or a bootstrap argument of one of javac's bootstraps. */
      private void constant(Object value, boolean bootstrapArgument) {
        if (value instanceof Type t) {
          if (t.getSort() == Type.METHOD) {
            if (!bootstrapArgument) {
              report(where(), say("what.methodType"), new Problem(say(INVOKE), 1, "java/lang/invoke/MethodType"));
              return;
            }
          }
          Problem p = typesProblem(t);
          if (p != null) {
            report(where(), say("what.uses", "type", t.getSort() == Type.METHOD ? dotted(p.type())
                : t.getClassName() + ".class"), p);
          }
        } else if (value instanceof Handle h) {
          if (!bootstrapArgument) {
            report(where(), say("what.methodHandle"), new Problem(say(INVOKE), 1, "java/lang/invoke/MethodHandle"));
            return;
          }
          boolean field = h.getTag() <= Opcodes.H_PUTSTATIC;
          Problem p = referenceProblem(h.getOwner(), h.getName(), h.getDesc(), field);
          if (p != null) {
            String what = field ? say("what.fieldReference", "field", dotted(h.getOwner()) + "." + h.getName())
                : say("what.methodReference", "method", methodText(h.getOwner(), h.getName(), h.getDesc()));
            report(where(), what, p);
          }
        } else if (value instanceof ConstantDynamic) {
          report(where(), say("what.dynamicConstant"), new Problem(say(INVOKE), 1, "java/lang/invoke/ConstantBootstraps"));
        }
      }

      @Override
      public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
        if (type == null) {
          return;
        }
        String p = typeProblem(type);
        if (p != null) {
          handlers.computeIfAbsent(handler, h -> new ArrayList<>())
              .add(() -> report(where(), say("what.catches", "type", dotted(type)), new Problem(p, 1, type)));
        }
      }

      @Override
      public void visitEnd() {
        handlers.values().forEach(pending -> pending.forEach(Runnable::run));
        line = firstLine;
        if (method.equals("finalize") && descriptor.equals("()V")) {
          report(where(), say("what.finalizer"), new Problem(say(FINALIZER), 2, "finalize"));
        }
        if ((access & Opcodes.ACC_NATIVE) != 0) {
          report(where(), say("what.native"), new Problem(say("reason.native"), 2, "native"));
        }
        Problem p = typesProblem(Type.getMethodType(descriptor));
        if (p != null) {
          report(where(), say("what.signature", "type", dotted(p.type())), p);
        }
        if (exceptions != null) {
          for (String e : exceptions) {
            String q = typeProblem(e);
            if (q != null) {
              report(where(), say("what.throws", "type", dotted(e)), new Problem(q, 1, e));
            }
          }
        }
      }
    }

    /** What one pass over a class's declarations learns about it. */
    private static final class Info extends ClassHeader {
      final Set<String> fields = new HashSet<>();
      final Set<String> methods = new HashSet<>();

      @Override
      public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
        fields.add(name);
        return null;
      }

      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
          String[] exceptions) {
        methods.add(name + descriptor);
        return null;
      }
    }
  }

  // -----------------------------------------------------------------------------------------------
  // Names

  /** {@code java/lang/System} as {@code java.lang.System}. */
  static String dotted(String internal) {
    return internal.replace('/', '.');
  }

  /** The class name without its package, e.g. {@code Sigmoid$1}. */
  static String simple(String internal) {
    return internal.substring(internal.lastIndexOf('/') + 1);
  }

  /** {@code java.lang.System.exit(int)}, or {@code new java.lang.Thread(java.lang.Runnable)}. */
  static String methodText(String owner, String name, String desc) {
    StringBuilder s = new StringBuilder();
    String type = owner.startsWith("[") ? Type.getObjectType(owner).getClassName() : dotted(owner);
    if (name.equals("<init>")) {
      s.append("new ").append(type);
    } else {
      s.append(type).append('.').append(name);
    }
    s.append('(');
    Type[] args = Type.getArgumentTypes(desc);
    for (int i = 0; i < args.length; i++) {
      s.append(i == 0 ? "" : ", ").append(args[i].getClassName());
    }
    return s.append(')').toString();
  }

  /**
   * How a method is named to a student: {@code Sigmoid.apply}, {@code Sigmoid.<init>} as
   * {@code Sigmoid's constructor}, {@code lambda$apply$0} as {@code a lambda in Sigmoid.apply}.
   */
  static String displayName(Messages messages, String cls, String method) {
    if (method.startsWith("lambda$")) {
      String[] parts = method.split("\\$");
      if (parts.length >= 3) {
        String in = parts[1].equals("new") ? "<init>" : parts[1].equals("static") ? "<clinit>" : parts[1];
        return messages.text("name.lambda", "method", displayName(messages, cls, in));
      }
    }
    return switch (method) {
      case "<init>" -> messages.text("name.constructor", "class", cls);
      case "<clinit>" -> messages.text("name.staticInitializer", "class", cls);
      default -> cls + "." + method;
    };
  }
}
