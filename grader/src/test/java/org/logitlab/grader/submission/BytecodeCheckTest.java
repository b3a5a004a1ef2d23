package org.logitlab.grader.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.logitlab.exercise.Exercise;
import org.logitlab.exercise.Language;
import org.logitlab.exercise.Messages;
import org.logitlab.tools.SkeletonGenerator;

/**
 * The bytecode check lets the reference, the skeleton and honest code (with everything javac makes
 * of it) through, and stops each way a submission could reach outside its exercise before it runs.
 */
class BytecodeCheckTest {

  private static final Messages ENGLISH = Messages.of(BytecodeCheck.MESSAGES, Language.ENGLISH);

  private static final Path ROOT =
      Path.of(System.getProperty("logitlab.root", "..")).toAbsolutePath().normalize();
  private static final Path REFERENCE = ROOT.resolve("solutions/src/main/java");
  private static final ExerciseCompiler COMPILER = new ExerciseCompiler(120, 512);

  // -----------------------------------------------------------------------------------------------
  // What must pass

  @ParameterizedTest
  @EnumSource(Exercise.class)
  void theReferenceFilePasses(Exercise exercise, @TempDir Path tmp) throws IOException {
    assertThat(check(exercise, reference(exercise), tmp)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Exercise.class)
  void theUntouchedSkeletonFilePasses(Exercise exercise, @TempDir Path tmp) throws IOException {
    String skeleton = SkeletonGenerator.skeleton(reference(exercise), exercise.sourceFile(),
        EnumSet.noneOf(Exercise.class));
    assertThat(skeleton).contains("Exercise." + exercise.name() + ".unfinished()");

    assertThat(check(exercise, skeleton, tmp)).isEmpty();
  }

  /** A change to an exercise's reference file. */
  record Variant(String name, Exercise exercise, UnaryOperator<String> edit, List<String> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Variant> honest() {
    return Stream.of(
        statements("string concatenation, String.format, a text block, var, assert", Exercise.SIGMOID, """
            var label = "z=" + z + ", " + String.format("%.3f", z) + \"""
                a text block
                \""".strip();
            String joined = String.join(",", label, String.valueOf(z), Double.toString(z));
            assert !joined.isEmpty() : "empty: " + joined;
            """),
        statements("lambdas, method references, streams, enhanced for over arrays and lists", Exercise.SIGMOID, """
            double[] mapped = java.util.Arrays.stream(new double[] {z, -z}).map(v -> v * 2).map(Math::abs).toArray();
            java.util.function.DoubleUnaryOperator square = v -> v * v;
            java.util.function.Supplier<java.util.List<Double>> make = java.util.ArrayList::new;
            java.util.List<Double> list = make.get();
            for (double v : mapped) {
              list.add(square.applyAsDouble(v));
            }
            for (Double v : list) {
              assert v >= 0;
            }
            list.sort(java.util.Comparator.naturalOrder());
            double total = list.stream().mapToDouble(Double::doubleValue).sum()
                + java.util.stream.IntStream.range(0, 3).boxed().collect(java.util.stream.Collectors.toList()).size();
            Runnable noop = () -> { };
            noop.run();
            """),
        statements("switch on the given enum and on strings, boxing, Math", Exercise.HIDDEN_BACKPROP, """
            double slope = switch (g) {
              case SIGMOID -> 1.0;
              case TANH -> 2.0;
            };
            switch (g) {
              case SIGMOID:
                slope += 1;
                break;
              default:
                slope -= 1;
            }
            String name = g.name().toLowerCase(java.util.Locale.ROOT);
            int code = switch (name) {
              case "sigmoid" -> 1;
              case "tanh" -> 2;
              default -> 0;
            };
            Double boxed = Double.valueOf(slope * code);
            double unboxed = boxed.doubleValue() + Math.max(0, StrictMath.abs(-1.0)) + Integer.parseInt("1");
            if (unboxed < 0 || Double.isNaN(Math.exp(unboxed)) || Math.floorMod(code, 2) > 1) {
              throw new IllegalStateException("impossible: " + unboxed);
            }
            """),
        new Variant("records, nested enums and switches on them, local and anonymous classes, exceptions, generics",
            Exercise.SIGMOID, source -> members(inject(source, Exercise.SIGMOID, """
                Pair pair = new Pair(z, 1.0);
                if (!pair.equals(new Pair(z, 1.0)) || pair.hashCode() != new Pair(z, 1.0).hashCode()
                    || pair.toString().isEmpty()) {
                  throw new Broken("records");
                }
                Mode mode = Mode.valueOf("FAST").next();
                int m = switch (mode) {
                  case FAST -> 1;
                  case SLOW -> 2;
                };
                Shape shape = new Shape() {
                  @Override
                  public double area() {
                    return pair.sum();
                  }
                };
                class Local implements Comparable<Local> {
                  final double v = shape.area();

                  @Override
                  public int compareTo(Local o) {
                    return Double.compare(v, o.v);
                  }
                }
                if (new Local().compareTo(new Local()) != 0 || shape.describe().isEmpty() || m == 0
                    || maxOf(java.util.List.of(1, 2)) != 2) {
                  throw new Broken("local");
                }
                Object o = pair;
                if (o instanceof Pair p && p.a() != z) {
                  throw new Broken("pattern");
                }
                """), """
                private record Pair(double a, double b) {
                  Pair {
                    if (Double.isNaN(b)) {
                      throw new IllegalArgumentException("NaN");
                    }
                  }

                  double sum() {
                    return a + b;
                  }
                }

                private enum Mode {
                  FAST, SLOW;

                  Mode next() {
                    return values()[(ordinal() + 1) % values().length];
                  }
                }

                private static final class Broken extends RuntimeException {
                  Broken(String message) {
                    super(message);
                  }
                }

                private interface Shape {
                  double area();

                  default String describe() {
                    return getClass().getSimpleName() + " " + area();
                  }
                }

                private static <T extends Comparable<T>> T maxOf(java.util.List<T> xs) {
                  return java.util.Collections.max(xs);
                }
                """), List.of()),
        statements("collections, iterators, Random, Optional, collectors", Exercise.ONE_HOT, """
            java.util.Map<Integer, Integer> counts = new java.util.TreeMap<>();
            for (int label : labels) {
              counts.merge(label, 1, Integer::sum);
            }
            for (java.util.Map.Entry<Integer, Integer> e : counts.entrySet()) {
              assert e.getValue() > 0;
            }
            java.util.Deque<Integer> queue = new java.util.ArrayDeque<>(counts.keySet());
            java.util.Iterator<Integer> it = queue.iterator();
            while (it.hasNext()) {
              it.next();
            }
            java.util.Set<Integer> seen = new java.util.HashSet<>(queue);
            java.util.Random random = new java.util.Random(42);
            java.util.List<Integer> shuffled = new java.util.ArrayList<>(seen);
            java.util.Collections.shuffle(shuffled, random);
            int[] copy = labels.clone();
            java.util.Arrays.sort(copy);
            double[][] grid = new double[2][3];
            java.util.Optional<Integer> first = shuffled.stream().findFirst();
            java.util.StringJoiner joiner = new java.util.StringJoiner(", ");
            java.util.BitSet bits = new java.util.BitSet();
            java.util.Objects.requireNonNull(labels, "labels");
            String summary = java.util.Arrays.stream(copy).summaryStatistics().toString() + first.orElse(-1) + joiner
                + bits + grid.length + random.nextGaussian() + new java.util.SplittableRandom(1).nextInt(3)
                + java.util.stream.Stream.of("a", "b").collect(java.util.stream.Collectors.joining("|"))
                + java.util.Arrays.stream(copy).boxed()
                    .collect(java.util.stream.Collectors.groupingBy(v -> v % 2,
                        java.util.stream.Collectors.counting()));
            """),
        statements("printing to System.out and System.err, timing, arraycopy", Exercise.FIT, """
            long t0 = System.nanoTime();
            System.out.println("training on " + x.length + " samples");
            System.out.printf("%d epochs%n", options.epochs());
            System.err.print("");
            System.out.flush();
            double[] tmp = new double[labels.length];
            System.arraycopy(new double[labels.length], 0, tmp, 0, tmp.length);
            long elapsed = System.currentTimeMillis() + System.nanoTime() - t0 + System.identityHashCode(this)
                + System.lineSeparator().length();
            """),
        new Variant("try-with-resources, multi-catch, finally, the exercise's own messages", Exercise.SOFTMAX,
            source -> members(inject(source, Exercise.SOFTMAX, """
                try (Resource r = new Resource("r")) {
                  if (r.name().isEmpty()) {
                    throw new IllegalStateException();
                  }
                } catch (IllegalStateException | ArithmeticException e) {
                  throw new IllegalArgumentException(e.getMessage(), e);
                } finally {
                  double[] copy = z.clone();
                }
                if (z.length > 1_000_000) {
                  throw new IllegalArgumentException(org.logitlab.exercise.Exercise.SOFTMAX.about("a huge input"));
                }
                """), """
                private record Resource(String name) implements AutoCloseable {
                  @Override
                  public void close() {
                  }
                }
                """), List.of()),
        new Variant("a new top-level helper class of its own name", Exercise.SIGMOID,
            source -> inject(source, Exercise.SIGMOID, "double half = SigmoidMath.half(z);\n")
                + "\nfinal class SigmoidMath {\n  static double half(double x) {\n    return x / 2;\n  }\n}\n",
            List.of()),
        // Given code an exercise may use: the kernels, the activation's derivative, the network's own parts.
        statements("hidden backprop with the activation's derivative at Z1 and the kernels", Exercise.HIDDEN_BACKPROP,
            """
            double[][] slopes = new double[pass.z1().length][pass.z1()[0].length];
            for (int i = 0; i < slopes.length; i++) {
              for (int j = 0; j < slopes[i].length; j++) {
                slopes[i][j] = g.derivative(pass.z1()[i][j]);
              }
            }
            double[][] product = Matrices.multiply(grads.dZ2(), Matrices.transpose(w2));
            """),
        statements("output backprop recomputing A2 with the given softmax, and the slope from Z1 by the sigmoid",
            Exercise.OUTPUT_BACKPROP, """
            double[][] again = new double[pass.z2().length][];
            for (int i = 0; i < again.length; i++) {
              again[i] = org.logitlab.activation.Softmax.apply(pass.z2()[i]);
            }
            double slope = org.logitlab.activation.Sigmoid.derivative(pass.z1()[0][0]);
            """),
        statements("fit with its own forward and backward, OneHot, TrainingOptions and Matrices", Exercise.FIT, """
            double[][] targets = OneHot.encode(labels, outputs());
            int batch = options.batchSizeFor(x.length);
            var first = backward(new double[][] {x[0]}, forward(new double[][] {x[0]}), new double[][] {targets[0]});
            Matrices.descend(w1, 0.0, first.dW1());
            """));
  }

  /** {@code code}, which returns, run first by the exercise's method. */
  private static Variant shortcut(String name, Exercise exercise, String code, String... expected) {
    return statements(name, exercise, "if (Double.isFinite(1.0)) {\n" + code.indent(2) + "}\n", expected);
  }

  /** Exercise code that hands its computation to given code that already does it. */
  static Stream<Variant> cheats() {
    return Stream.of(
        shortcut("the sigmoid from the given stable BCE from logits", Exercise.SIGMOID,
            "return Math.exp(-org.logitlab.loss.BinaryCrossEntropy.lossFromLogits(new double[] {z}, new double[] {1}));",
            "Sigmoid.apply (Sigmoid.java:",
            "calls org.logitlab.loss.BinaryCrossEntropy.lossFromLogits(double[], double[]): org.logitlab.loss"
                + ".BinaryCrossEntropy is given code that Exercise 1 (sigmoid) may not use, because exercise 1 is σ(z)"),
        shortcut("the sigmoid as the second entry of a given softmax, in a lambda", Exercise.SIGMOID, """
            java.util.function.DoubleUnaryOperator viaSoftmax = v -> Softmax.apply(new double[] {0, v})[1];
            return viaSoftmax.applyAsDouble(z);
            """, "a lambda in Sigmoid.apply", "calls org.logitlab.activation.Softmax.apply(double[])"),
        shortcut("softmax from the given log-softmax of its own file", Exercise.SOFTMAX, """
            double[] logP = log(z);
            for (int j = 0; j < z.length; j++) {
              out[j] = Math.exp(logP[j]);
            }
            return;
            """, "Softmax.applyInto (Softmax.java:", "calls org.logitlab.activation.Softmax.log(double[]):"
                + " Softmax.log is given code of Softmax.java that Exercise 3 (softmax) may not use"),
        new Variant("softmax from the log-softmax through a helper and an anonymous class", Exercise.SOFTMAX,
            source -> members(inject(source, Exercise.SOFTMAX, """
                if (z.length > 0) {
                  System.arraycopy(viaHelper(z), 0, out, 0, z.length);
                  return;
                }
                """), """
                private static double[] viaHelper(double[] z) {
                  java.util.function.Supplier<double[][]> rows = new java.util.function.Supplier<>() {
                    @Override
                    public double[][] get() {
                      return logRows(new double[][] {z});
                    }
                  };
                  return java.util.Arrays.stream(rows.get()[0]).map(Math::exp).toArray();
                }
                """),
            List.of("calls org.logitlab.activation.Softmax.logRows(double[][])")),
        shortcut("the BCE gradient by finite differences of the loss of its own file", Exercise.BCE_GRADIENT, """
            int m = y.length;
            double[] z = new double[m];
            double[] r = new double[m];
            for (int i = 0; i < m; i++) {
              z[i] = Math.log(yHat[i] / (1 - yHat[i]));
            }
            for (int i = 0; i < m; i++) {
              double[] up = z.clone();
              double[] down = z.clone();
              up[i] += 1e-5;
              down[i] -= 1e-5;
              r[i] = m * (lossFromLogits(up, y) - lossFromLogits(down, y)) / 2e-5;
            }
            return new Gradient(Matrices.multiplyTransposeA(x, r, 1.0 / m), java.util.Arrays.stream(r).sum() / m);
            """, "BinaryCrossEntropy.gradient (BinaryCrossEntropy.java:",
            "calls org.logitlab.loss.BinaryCrossEntropy.lossFromLogits(double[], double[])", "numerical derivative"),
        shortcut("the BCE gradient by the given gradient checker", Exercise.BCE_GRADIENT,
            "double step = org.logitlab.gradcheck.GradientCheck.relativeError(1, 2);\n"
                + "return new Gradient(new double[x[0].length], step);",
            "calls org.logitlab.gradcheck.GradientCheck.relativeError(double, double)"),
        shortcut("output backprop measuring the given cross-entropy", Exercise.OUTPUT_BACKPROP,
            "double cost = org.logitlab.loss.CrossEntropy.fromProbabilities(pass.a2(), y);\nreturn;",
            "OutputLayer.backward (OutputLayer.java:",
            "calls org.logitlab.loss.CrossEntropy.fromProbabilities(double[][], double[][])"),
        shortcut("hidden backprop through the given forward pass of its own file", Exercise.HIDDEN_BACKPROP,
            "forward(x, Matrices.transpose(w2), new double[w2.length], g, pass);\nreturn;",
            "calls org.logitlab.network.HiddenLayer.forward(", "given code of HiddenLayer.java"),
        shortcut("fit as the given GradientDescent loop with only the step written", Exercise.FIT, """
            MiniBatches all = new MiniBatches(x.length, options);
            return org.logitlab.model.GradientDescent.run(all, options, listener, (batches, b) -> 0.0);
            """, "TwoLayerNet.fit (TwoLayerNet.java:",
            "calls org.logitlab.model.GradientDescent.run(", "exercise 7 is the training loop itself"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cheats")
  void exerciseCodeMayNotHandItsWorkToGivenCode(Variant variant, @TempDir Path tmp) throws IOException {
    hostileCodeIsRejected(variant, tmp);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("honest")
  void honestCodePasses(Variant variant, @TempDir Path tmp) throws IOException {
    assertThat(check(variant.exercise(), variant.edit().apply(reference(variant.exercise())), tmp)).isEmpty();
  }

  // -----------------------------------------------------------------------------------------------
  // What must not

  static Stream<Variant> hostile() {
    return Stream.of(
        statements("System.exit", Exercise.SIGMOID, "System.exit(0);\n",
            "Sigmoid.apply (Sigmoid.java:", "calls java.lang.System.exit(int)", "may not stop the grading JVM"),
        statements("Runtime.getRuntime().halt", Exercise.BCE_GRADIENT, "Runtime.getRuntime().halt(0);\n",
            "BinaryCrossEntropy.gradient", "calls java.lang.Runtime.halt(int)", "may not stop the grading JVM"),
        statements("Runtime.exec", Exercise.BCE_GRADIENT, """
            try {
              Runtime.getRuntime().exec(new String[] {"rm", "-rf", "/"});
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
            """, "calls java.lang.Runtime.exec(java.lang.String[])", "may not start processes"),
        statements("a new thread", Exercise.SOFTMAX, "new Thread(() -> { }).start();\n",
            "Softmax.applyInto", "creates a java.lang.Thread", "threads"),
        statements("an executor", Exercise.SOFTMAX,
            "java.util.concurrent.Executors.newFixedThreadPool(2).shutdown();\n",
            "java.util.concurrent.Executors", "threads"),
        statements("ThreadLocalRandom", Exercise.SOFTMAX,
            "double noise = java.util.concurrent.ThreadLocalRandom.current().nextDouble();\n",
            "java.util.concurrent.ThreadLocalRandom", "java.util.Random with a seed"),
        statements("Object.wait", Exercise.SIGMOID, """
            Object lock = new Object();
            synchronized (lock) {
              try {
                lock.wait(1);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            }
            """, "calls java.lang.Object.wait(long)", "threads"),
        statements("ProcessBuilder", Exercise.ONE_HOT, """
            try {
              new ProcessBuilder("sh", "-c", "cat /etc/passwd").start();
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
            """, "OneHot.encode", "java.lang.ProcessBuilder", "may not start processes"),
        statements("Files.readString of the hidden tests", Exercise.OUTPUT_BACKPROP, """
            try {
              System.out.println(java.nio.file.Files.readString(java.nio.file.Path.of("grader/src/main/java")));
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
            """, "OutputLayer.backward", "java.nio.file.Files.readString", "may not read or write files"),
        statements("a FileInputStream on another student's work", Exercise.HIDDEN_BACKPROP, """
            try (java.io.FileInputStream in = new java.io.FileInputStream("../bob/HiddenLayer.java")) {
              in.read();
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
            """, "HiddenLayer.backward", "java.io.FileInputStream", "may not read or write files"),
        statements("Files.delete", Exercise.FIT, """
            try {
              java.nio.file.Files.delete(java.nio.file.Path.of("grading-results"));
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
            """, "TwoLayerNet.fit", "java.nio.file.Files.delete", "may not read or write files"),
        statements("a FileOutputStream", Exercise.FIT, """
            try (var out = new java.io.FileOutputStream("results.json")) {
              out.write('{');
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
            """, "java.io.FileOutputStream", "may not read or write files"),
        statements("a new PrintStream on a file", Exercise.SIGMOID, """
            try {
              new java.io.PrintStream("results.json").println("{}");
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
            """, "new java.io.PrintStream(java.lang.String)", "print to System.out or System.err instead"),
        statements("System.out.close", Exercise.SIGMOID, "System.out.close();\n",
            "calls java.io.PrintStream.close()", "standard streams"),
        statements("System.setOut", Exercise.SIGMOID, "System.setOut(System.err);\n",
            "calls java.lang.System.setOut(java.io.PrintStream)", "standard streams"),
        statements("System.getenv", Exercise.FIT, "System.out.println(System.getenv(\"HOME\"));\n",
            "calls java.lang.System.getenv(java.lang.String)", "environment variables"),
        statements("System.getProperty", Exercise.FIT, "String seed = System.getProperty(\"logitlab.seed\");\n",
            "calls java.lang.System.getProperty(java.lang.String)", "system properties"),
        statements("Integer.getInteger, which reads a system property", Exercise.FIT,
            "Integer seed = Integer.getInteger(\"logitlab.seed\");\n",
            "calls java.lang.Integer.getInteger(java.lang.String)", "system properties"),
        statements("Locale.setDefault", Exercise.SIGMOID, "java.util.Locale.setDefault(java.util.Locale.FRANCE);\n",
            "java.util.Locale.setDefault", "default locale"),
        statements("a Socket", Exercise.ONE_HOT, """
            try (var socket = new java.net.Socket("example.org", 80)) {
              socket.getOutputStream().write(1);
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
            """, "java.net.Socket", "may not use the network"),
        statements("Class.forName, getDeclaredField and setAccessible", Exercise.SIGMOID, """
            try {
              var field = Class.forName("org.logitlab.grader.hidden.SigmoidSuite").getDeclaredField("TOLERANCE");
              field.setAccessible(true);
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
            """, "calls java.lang.Class.forName(java.lang.String)",
            "calls java.lang.reflect.Field.setAccessible(boolean)", "may not use reflection"),
        statements("getClass().getDeclaredMethods()", Exercise.SIGMOID,
            "int n = new Object().getClass().getDeclaredMethods().length;\n",
            "java.lang.Class.getDeclaredMethods()", "reflection"),
        statements("getResourceAsStream of the grader's classes", Exercise.SIGMOID,
            "Object in = Sigmoid.class.getResourceAsStream(\"/org/logitlab/grader/hidden/SigmoidSuite.class\");\n",
            "java.lang.Class.getResourceAsStream", "may not read resources"),
        statements("getClassLoader", Exercise.SIGMOID, "Object loader = Sigmoid.class.getClassLoader();\n",
            "java.lang.Class.getClassLoader()", "class loaders"),
        statements("MethodHandles.lookup", Exercise.SIGMOID,
            "Object lookup = java.lang.invoke.MethodHandles.lookup();\n",
            "calls java.lang.invoke.MethodHandles.lookup()", "method handles are reflection"),
        statements("sun.misc.Unsafe", Exercise.SIGMOID, "Object unsafe = sun.misc.Unsafe.class;\n",
            "sun.misc.Unsafe", "internals"),
        statements("a Cleaner", Exercise.SIGMOID, "java.lang.ref.Cleaner.create();\n",
            "java.lang.ref.Cleaner", "JVM's own threads"),
        statements("the data sets", Exercise.FIT,
            "Object data = org.logitlab.data.MnistLocator.fromEnvironment();\n",
            "org.logitlab.data.MnistLocator", "may not read or write files"),
        statements("the model files", Exercise.SIGMOID,
            "Object array = org.logitlab.io.NpyArray.scalar(z);\n",
            "org.logitlab.io.NpyArray", "may not read or write files"),
        statements("the library's kernel threads", Exercise.SIGMOID,
            "org.logitlab.linalg.Parallelism.setThreads(4);\n",
            "org.logitlab.linalg.Parallelism", "kernel threads", "may not start, stop or wait for threads"),
        statements("a parallel stream", Exercise.SIGMOID,
            "double sum = java.util.Arrays.stream(new double[] {z}).parallel().sum();\n",
            "calls java.util.stream.DoubleStream.parallel()", "parallel streams"),
        statements("parallelStream", Exercise.SIGMOID, "long n = java.util.List.of(1, 2).parallelStream().count();\n",
            "calls java.util.List.parallelStream()", "parallel streams"),
        statements("parallelStream inherited by an anonymous subclass", Exercise.SIGMOID,
            "long n = new java.util.ArrayList<Double>() { }.parallelStream().count();\n",
            "parallelStream()", "(inherited from java.util.ArrayList)", "parallel streams"),
        statements("Arrays.parallelSort", Exercise.SIGMOID, "java.util.Arrays.parallelSort(new double[] {z});\n",
            "java.util.Arrays.parallelSort", "parallel"),
        statements("a method reference to System.exit", Exercise.SIGMOID, """
            java.util.function.IntConsumer stop = System::exit;
            stop.accept(0);
            """, "uses the method reference java.lang.System.exit(int)", "may not stop the grading JVM"),
        statements("System.exit in a lambda", Exercise.SIGMOID, """
            Runnable stop = () -> System.exit(0);
            stop.run();
            """, "a lambda in Sigmoid.apply (Sigmoid.java:", "calls java.lang.System.exit(int)"),
        statements("catching a type from java.io", Exercise.SIGMOID, """
            try {
              z = Math.abs(z);
            } catch (java.io.UncheckedIOException e) {
              z = 0;
            }
            """, "catches java.io.UncheckedIOException", "files"),
        members("a finalizer", Exercise.SIGMOID, """
            private static final class Evil {
              @Override
              protected void finalize() {
              }
            }
            """, "Sigmoid$Evil.finalize (Sigmoid.java:", "declares a finalizer", "finalizer thread"),
        members("a Thread subclass", Exercise.SIGMOID, """
            private static final class Worker extends Thread {
            }
            """, "Sigmoid$Worker (Sigmoid.java) extends java.lang.Thread", "threads"),
        members("a field of a disallowed type", Exercise.SIGMOID, """
            private static java.io.File file;
            """, "declares the field file of type java.io.File", "files"),
        replace("a package line changed to org.junit.jupiter.api", Exercise.SIGMOID,
            "package org.logitlab.activation;", "package org.junit.jupiter.api;",
            "declares org.junit.jupiter.api.Sigmoid in the package org.junit.jupiter.api",
            "must be in the package org.logitlab.activation",
            "does not declare the class org.logitlab.activation.Sigmoid"),
        new Variant("a package line changed to org.junit.jupiter.api, with a class named like JUnit's",
            Exercise.SIGMOID,
            source -> source.replace("package org.logitlab.activation;", "package org.junit.jupiter.api;")
                + "\nclass Assertions {\n}\n",
            List.of("declares org.junit.jupiter.api.Assertions in the package org.junit.jupiter.api")),
        replace("a package line changed to org.logitlab.grader.runner", Exercise.SOFTMAX,
            "package org.logitlab.activation;", "package org.logitlab.grader.runner;",
            "declares org.logitlab.grader.runner.Softmax in the package org.logitlab.grader.runner",
            "does not declare the class org.logitlab.activation.Softmax"),
        new Variant("a top-level class named like given code in the same package", Exercise.SIGMOID,
            source -> source + "\nclass Activation {\n}\n",
            List.of("Sigmoid.java declares org.logitlab.activation.Activation, which would replace given code")),
        new Variant("a top-level class named like another exercise's class", Exercise.OUTPUT_BACKPROP,
            source -> source + "\nclass HiddenLayer {\n}\n",
            List.of("OutputLayer.java declares org.logitlab.network.HiddenLayer, which would replace given code")),
        new Variant("a top-level class named like a given enum constant's body", Exercise.SIGMOID,
            source -> source + "\nclass Activation$2 {\n}\n",
            List.of("declares org.logitlab.activation.Activation$2, which would replace given code")),
        new Variant("a top-level class named like a given anonymous class", Exercise.SOFTMAX,
            source -> source + "\nclass Activation$1 {\n}\n",
            List.of("declares org.logitlab.activation.Activation$1, which would replace given code")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostile")
  void hostileCodeIsRejected(Variant variant, @TempDir Path tmp) throws IOException {
    List<String> violations = check(variant.exercise(), variant.edit().apply(reference(variant.exercise())), tmp);

    assertThat(violations).as(variant.name()).isNotEmpty();
    for (String expected : variant.expected()) {
      assertThat(violations).as(variant.name()).anySatisfy(v -> assertThat(v).contains(expected));
    }
  }

  /**
   * In the grader's jar the grader's own classes and its relocated reference are on the compiler's
   * class path too (here only the reference library is), so this compiles against the tests' class path.
   */
  @Test
  void theGradersOwnCodeAndItsCopyOfTheReferenceAreRejected(@TempDir Path tmp) throws IOException {
    String source = inject(reference(Exercise.SIGMOID), Exercise.SIGMOID, """
        Object result = org.logitlab.grader.ExerciseResult.class;
        double cheat = org.logitlab.reference.activation.Sigmoid.apply(z);
        """);
    Path file = tmp.resolve("src").resolve(Exercise.SIGMOID.sourceFile());
    Files.createDirectories(file.getParent());
    Files.writeString(file, source);
    Path classes = tmp.resolve("classes");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status = javac.run(null, null, null, "--release", "17", "-proc:none", "-implicit:none", "-nowarn",
        "-classpath", System.getProperty("java.class.path"), "-d", classes.toString(), file.toString());
    assertThat(status).isZero();

    assertThat(BytecodeCheck.check(Exercise.SIGMOID, classes)).satisfiesExactly(
        v -> assertThat(v).contains("uses org.logitlab.grader.ExerciseResult.class")
            .contains("the grader's own code"),
        v -> assertThat(v).contains("calls org.logitlab.reference.activation.Sigmoid.apply(double)")
            .contains("the grader's copy of the reference solution"));
  }

  // -----------------------------------------------------------------------------------------------
  // The messages

  @Test
  void aViolationNamesTheClassMethodLineWhatAndWhy(@TempDir Path tmp) throws IOException {
    String source = inject(reference(Exercise.SIGMOID), Exercise.SIGMOID, "System.exit(1);\n");
    int line = lineOf(source, "System.exit(1);");

    assertThat(check(Exercise.SIGMOID, source, tmp)).containsExactly("Sigmoid.apply (Sigmoid.java:" + line
        + ") calls java.lang.System.exit(int): a submission may not stop the grading JVM");
  }

  @Test
  void oneStatementGivesOneViolationForEachClassItMisuses(@TempDir Path tmp) throws IOException {
    String source = inject(reference(Exercise.SIGMOID), Exercise.SIGMOID, "Runtime.getRuntime().halt(0);\n");
    int line = lineOf(source, "halt(0)");

    assertThat(check(Exercise.SIGMOID, source, tmp)).containsExactly("Sigmoid.apply (Sigmoid.java:" + line
        + ") calls java.lang.Runtime.halt(int): a submission may not stop the grading JVM");
  }

  @Test
  void aFolderWithoutTheExercisesClassIsRejected(@TempDir Path tmp) throws IOException {
    Files.createDirectories(tmp.resolve("org/logitlab/activation"));

    assertThat(BytecodeCheck.check(Exercise.SIGMOID, tmp))
        .containsExactly("Sigmoid.java does not declare the class org.logitlab.activation.Sigmoid: keep its "
            + "package line and its public class as given");
  }

  @Test
  void aFileThatIsNotAClassIsRejected(@TempDir Path tmp) throws IOException {
    Path classes = compile(Exercise.SIGMOID, reference(Exercise.SIGMOID), tmp);
    Files.writeString(classes.resolve("org/logitlab/activation/notes.txt"), "hello");
    Files.write(classes.resolve("org/logitlab/activation/Broken.class"), new byte[] {1, 2, 3});

    assertThat(BytecodeCheck.check(Exercise.SIGMOID, classes)).satisfiesExactlyInAnyOrder(
        v -> assertThat(v).contains("org/logitlab/activation/notes.txt, which is not a class file"),
        v -> assertThat(v).contains("org/logitlab/activation/Broken.class is not a valid class file"));
  }

  @Test
  void aLongListIsCut(@TempDir Path tmp) throws IOException {
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < BytecodeCheck.MAX_VIOLATIONS + 5; i++) {
      many.append("System.exit(").append(i).append(");\n");
    }
    List<String> violations = check(Exercise.SIGMOID, inject(reference(Exercise.SIGMOID), Exercise.SIGMOID,
        many.toString()), tmp);

    assertThat(violations).hasSize(BytecodeCheck.MAX_VIOLATIONS + 1).last().isEqualTo("... and 5 more");
  }

  /** A Korean course's student reads the check in Korean; class, method and line stay as they are. */
  @Test
  void aKoreanCourseReadsTheCheckInKorean(@TempDir Path tmp) throws IOException {
    Path classes = compile(Exercise.SIGMOID, inject(reference(Exercise.SIGMOID), Exercise.SIGMOID,
        "System.exit(0);\n"), tmp);
    assertThat(BytecodeCheck.check(Exercise.SIGMOID, classes, Language.KOREAN)).singleElement().asString()
        .startsWith("Sigmoid.apply (Sigmoid.java:")
        .endsWith("에서 java.lang.System.exit(int) 호출: 제출물은 채점 JVM을 멈출 수 없습니다");
    Path given = compile(Exercise.SOFTMAX, inject(reference(Exercise.SOFTMAX), Exercise.SOFTMAX,
        "if (z.length == 0) { Softmax.log(z); }\n"), tmp.resolve("given"));
    assertThat(BytecodeCheck.check(Exercise.SOFTMAX, given, Language.KOREAN)).singleElement().asString()
        .contains("에서 org.logitlab.activation.Softmax.log(double[]) 호출: Softmax.log은(는) Softmax.java에 "
            + "주어진 코드이므로 연습 3 (소프트맥스)에서는 사용할 수 없습니다. 연습 3은 Math.exp로");
    assertThat(BytecodeCheck.displayName(Messages.of(BytecodeCheck.MESSAGES, Language.KOREAN), "Sigmoid",
        "lambda$new$3")).isEqualTo("Sigmoid의 생성자 안의 람다");
  }

  @Test
  void namesAreReadable() {
    assertThat(BytecodeCheck.methodText("java/lang/Thread", "<init>", "(Ljava/lang/Runnable;)V"))
        .isEqualTo("new java.lang.Thread(java.lang.Runnable)");
    assertThat(BytecodeCheck.methodText("[D", "clone", "()Ljava/lang/Object;")).isEqualTo("double[].clone()");
    assertThat(BytecodeCheck.displayName(ENGLISH, "Sigmoid", "<init>")).isEqualTo("Sigmoid's constructor");
    assertThat(BytecodeCheck.displayName(ENGLISH, "Sigmoid", "<clinit>")).isEqualTo("Sigmoid's static initializer");
    assertThat(BytecodeCheck.displayName(ENGLISH, "Sigmoid", "lambda$apply$0")).isEqualTo("a lambda in Sigmoid.apply");
    assertThat(BytecodeCheck.displayName(ENGLISH, "Sigmoid", "lambda$new$3")).isEqualTo("a lambda in Sigmoid's constructor");
  }

  // -----------------------------------------------------------------------------------------------
  // Helpers

  private static Variant statements(String name, Exercise exercise, String code, String... expected) {
    return new Variant(name, exercise, source -> inject(source, exercise, code), List.of(expected));
  }

  private static Variant members(String name, Exercise exercise, String code, String... expected) {
    return new Variant(name, exercise, source -> members(source, code), List.of(expected));
  }

  private static Variant replace(String name, Exercise exercise, String find, String by, String... expected) {
    return new Variant(name, exercise, source -> {
      assertThat(source).contains(find);
      return source.replace(find, by);
    }, List.of(expected));
  }

  /** The reference source of the exercise's file. */
  private static String reference(Exercise exercise) throws IOException {
    return Files.readString(REFERENCE.resolve(exercise.sourceFile()));
  }

  /** {@code source} with {@code code} as the first statements of the exercise's solution region. */
  private static String inject(String source, Exercise exercise, String code) {
    String begin = SkeletonGenerator.BEGIN + exercise.name();
    int at = source.indexOf(begin);
    assertThat(at).as("%s has a solution region", exercise).isNotNegative();
    int lineEnd = source.indexOf('\n', at) + 1;
    return source.substring(0, lineEnd) + code + source.substring(lineEnd);
  }

  /** {@code source} with {@code code} as the last members of its top-level class. */
  private static String members(String source, String code) {
    int end = source.lastIndexOf('}');
    return source.substring(0, end) + "\n" + code + source.substring(end);
  }

  private static int lineOf(String source, String text) {
    List<String> lines = new ArrayList<>(List.of(source.split("\n", -1)));
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i + 1;
      }
    }
    throw new IllegalArgumentException("no " + text);
  }

  /** Compiles {@code source} as the exercise's file, which must compile, into {@code tmp/classes}. */
  private static Path compile(Exercise exercise, String source, Path tmp) throws IOException {
    Path file = tmp.resolve("src").resolve(exercise.sourceFile());
    Files.createDirectories(file.getParent());
    Files.writeString(file, source);
    Path classes = tmp.resolve("classes");
    assertThat(COMPILER.compile(file, classes)).as("compiler errors of\n%s", source).isEmpty();
    return classes;
  }

  private static List<String> check(Exercise exercise, String source, Path tmp) throws IOException {
    return BytecodeCheck.check(exercise, compile(exercise, source, tmp));
  }
}
