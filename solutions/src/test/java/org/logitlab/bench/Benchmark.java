package org.logitlab.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.logitlab.activation.Activation;
import org.logitlab.data.Dataset;
import org.logitlab.data.MnistData;
import org.logitlab.data.MnistFiles;
import org.logitlab.data.MnistLocator;
import org.logitlab.linalg.Matrices;
import org.logitlab.linalg.Parallelism;
import org.logitlab.model.TrainingListener;
import org.logitlab.model.TrainingOptions;
import org.logitlab.network.TwoLayerNet;
import org.logitlab.softmax.SoftmaxRegression;

/**
 * The speed benchmark: trains the 784-100-10 sigmoid network on the MNIST training file with the
 * reference (on one thread, and on one against two in paired epochs) and with the plain baseline
 * ({@link NaiveTwoLayerNet}); measures inference, allocation per mini-batch and peak heap; and, where
 * Python has NumPy, runs the same network in NumPy in the same run. It prints every figure with its
 * ratio.
 *
 * <pre>MNIST_DIR=/path/to/mnist ./mvnw -B -q -pl solutions test-compile exec:exec@bench</pre>
 *
 * <p>With the argument {@code fashion} it measures dense inputs instead: training and inference on
 * Fashion-MNIST (same files and format as MNIST, about half of the pixels not 0) against NumPy, and
 * how close each comes to the most this core computes, NumPy's large dgemm measured in the same run.
 *
 * <pre>FASHION_MNIST_DIR=/path/to/fashion-mnist ./mvnw -B -q -pl solutions test-compile exec:exec@bench-fashion</pre>
 */
public final class Benchmark {

  private static final int EPOCHS = 7;
  private static final int WARM_UP_EPOCHS = 6;
  private static final int PAIRED_EPOCHS = 11;

  private Benchmark() {}

  /** The folder {@link #fashion} reads when {@code FASHION_MNIST_DIR} is not set. */
  private static final Path FASHION_DEFAULT = Path.of("/usr/share/datasets/fashion-mnist");

  /** Runs the benchmark, on MNIST or, given {@code fashion}, on Fashion-MNIST, and prints its report. */
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("fashion")) {
      fashion();
      return;
    }
    Optional<MnistFiles> files = MnistLocator.fromEnvironment().findOffline();
    if (files.isEmpty()) {
      System.err.println("The benchmark needs MNIST: set MNIST_DIR to a folder with the four MNIST files.");
      System.exit(1);
    }
    MnistData mnist = MnistData.read(files.get());
    Dataset train = mnist.train();
    Dataset test = mnist.test();
    System.out.printf(Locale.ROOT, "logit-lab benchmark: 784-100-10 sigmoid/softmax, %,d training images, Java %s, "
        + "%d cores, float64, %s%n%n", train.size(), System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(), load());
    resetPeaks();

    double fast32 = epochSeconds(train, 32, EPOCHS, false);
    double naive32 = epochSeconds(train, 32, 1, true);
    double fast1 = epochSeconds(train, 1, 1, false);
    double naive1 = epochSeconds(train, 1, 1, true);
    double[] pairs = oneThreadAgainstTwo(train);
    row("training, batch 32, 1 thread", "naive loops", naive32, fast32);
    row("training, batch 1, 1 thread", "naive loops", naive1, fast1);
    System.out.printf(Locale.ROOT, "%-40s %-16s %7.3f s/epoch   2 threads %7.3f s/epoch   %6.2f× faster "
        + "(median of %d paired epochs; range %.2f–%.2f×)%n", "training, batch 32, 2 threads", "1 thread", pairs[0],
        pairs[1], pairs[2], PAIRED_EPOCHS, pairs[3], pairs[4]);
    System.out.printf(Locale.ROOT, "%-40s %s%n", "same weights with 1 and 2 threads", sameWeightsWithTwoThreads(train)
        ? "yes, to the last bit" : "NO");
    double[] ceiling = productSpeedUpWithTwoThreads();
    System.out.printf(Locale.ROOT, "%-40s %6.2f× faster with 2 threads%n", "  machine: X·W, W read-only", ceiling[0]);
    System.out.printf(Locale.ROOT, "%-40s %6.2f× faster with 2 threads%n", "  machine: X·W, W updated after each", ceiling[1]);
    System.out.printf(Locale.ROOT, "%-40s %6.2f µs per kernel call%n", "  machine: hand-over to the other core", handOverMicros());

    TwoLayerNet net = new TwoLayerNet(784, 100, 10, Activation.SIGMOID, 42);
    net.fit(train.x(), train.y(), new TrainingOptions(1, 1.0, 32, 1));
    SoftmaxRegression softmax = SoftmaxRegression.zeros(784, 10);
    softmax.fit(train.x(), train.y(), new TrainingOptions(1, 0.5, 32, 1));
    for (int threads = 1; threads <= 2; threads++) {
      String label = threads == 1 ? "1 thread" : threads + " threads";
      double netSpeed = withThreads(threads, () -> imagesPerSecond(() -> net.predict(test.x()), test.size()));
      double softmaxSpeed = withThreads(threads, () -> imagesPerSecond(() -> softmax.predict(test.x()),
          test.size()));
      System.out.printf(Locale.ROOT, "%-40s %,12.0f images/s%n", "inference, two-layer net, " + label, netSpeed);
      System.out.printf(Locale.ROOT, "%-40s %,12.0f images/s%n", "inference, softmax regression, " + label,
          softmaxSpeed);
    }
    System.out.printf(Locale.ROOT, "%-40s %,12d bytes%n", "allocated per mini-batch (steady state)",
        allocationPerBatch(train));
    System.out.printf(Locale.ROOT, "%-40s %,12d bytes (by the training thread)%n", "  the same, 2 threads",
        withThreads(2, () -> allocationPerBatch(train)));
    System.out.printf(Locale.ROOT, "%-40s %,12d MB (of -Xmx %d MB)%n%n", "peak heap", peakHeapBytes() >> 20,
        Runtime.getRuntime().maxMemory() >> 20);

    Path mnistDir = files.get().trainImages().getParent();
    Optional<String> numpy32 = numpy(mnistDir, 32, EPOCHS, false);
    Optional<String> numpy1 = numpy32.isEmpty() ? Optional.empty() : numpy(mnistDir, 1, 1, false);
    if (numpy1.isPresent()) {
      row("training, batch 32, 1 thread", "NumPy + OpenBLAS", median(numbers(numpy32.get(), "epoch_seconds")), fast32);
      row("training, batch 1, 1 thread", "NumPy", median(numbers(numpy1.get(), "epoch_seconds")), fast1);
    } else {
      System.out.println(NO_NUMPY);
    }
    System.out.printf(Locale.ROOT, "%n%s at the end%n", load());
  }

  private static final String NO_NUMPY =
      "NumPy: not available here; run solutions/src/test/python/numpy_bench.py where it is.";

  /**
   * Dense inputs: Fashion-MNIST, 60,000 training images of which about half of the pixels are not 0,
   * so that skipping zero inputs saves little. Trains and predicts with logit-lab and NumPy in the
   * same run and relates both to the physical limit: the arithmetic of an epoch, done at the rate of
   * NumPy's 2000×2000 dgemm on one thread (OpenBLAS's best on this core, in float64).
   */
  private static void fashion() throws Exception {
    String variable = System.getenv("FASHION_MNIST_DIR");
    Path dir = variable == null || variable.isBlank() ? FASHION_DEFAULT : Path.of(variable);
    MnistFiles files;
    try {
      files = MnistLocator.fromEnvironment().withUserDirectory(dir).findOffline().orElseThrow();
    } catch (IOException e) {
      System.out.println("Fashion-MNIST: not found in " + dir + "; set FASHION_MNIST_DIR to a folder with its four "
          + "files (the MNIST file names). Skipped.");
      return;
    }
    MnistData data = MnistData.read(files);
    Dataset train = data.train();
    Dataset test = data.test();
    System.out.printf(Locale.ROOT, "logit-lab benchmark, dense inputs: 784-100-10 sigmoid/softmax, Fashion-MNIST, "
        + "%,d training images (%.0f%% of pixels not 0), Java %s, %d cores, float64, %s%n%n", train.size(),
        100 * nonZeroFraction(train.x()), System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(), load());
    double fast32 = epochSeconds(train, 32, EPOCHS, false);
    TwoLayerNet net = new TwoLayerNet(784, 100, 10, Activation.SIGMOID, 42);
    net.fit(train.x(), train.y(), new TrainingOptions(1, 1.0, 32, 1));
    double images = imagesPerSecond(() -> net.predict(test.x()), test.size());
    Optional<String> numpy = numpy(dir, 32, EPOCHS, true);
    if (numpy.isEmpty()) {
      System.out.printf(Locale.ROOT, "%-40s %-16s %7s           logit-lab %7.3f s/epoch%n",
          "training, batch 32, 1 thread", "", "", fast32);
      System.out.printf(Locale.ROOT, "%-40s %,12.0f images/s%n", "inference, two-layer net, 1 thread", images);
      System.out.println(NO_NUMPY);
      return;
    }
    double numpy32 = median(numbers(numpy.get(), "epoch_seconds"));
    double numpyImages = test.size() / Arrays.stream(numbers(numpy.get(), "inference_seconds")).min().orElseThrow();
    row("training, batch 32, 1 thread", "NumPy + OpenBLAS", numpy32, fast32);
    System.out.printf(Locale.ROOT, "%-40s %-16s %,9.0f images/s logit-lab %,9.0f images/s %s%n",
        "inference, two-layer net, 1 thread", "NumPy + OpenBLAS", numpyImages, images, times(images / numpyImages));
    double flops = 2.0 * train.size() * (2 * 784 * 100 + 3 * 100 * 10);
    double peak = numbers(numpy.get(), "peak_gflops")[0] * 1e9;
    System.out.printf(Locale.ROOT, "%-40s %.1f GFLOP per epoch (the products, as dense arithmetic)%n",
        "physical limit", flops / 1e9);
    System.out.printf(Locale.ROOT, "%-40s %.1f GFLOP/s (NumPy's 2000×2000 dgemm, 1 thread, this run) = "
        + "%.3f s/epoch%n", "  peak of this core, float64", peak / 1e9, flops / peak);
    System.out.printf(Locale.ROOT, "%-40s NumPy %.0f%% of the peak   logit-lab %.0f%%%n", "  reached in training",
        100 * flops / numpy32 / peak, 100 * flops / fast32 / peak);
    System.out.printf(Locale.ROOT, "%n%s at the end%n", load());
  }

  /** The fraction of the entries of {@code x} that are not 0. */
  private static double nonZeroFraction(double[][] x) {
    long nonZero = 0;
    long all = 0;
    for (double[] row : x) {
      for (double v : row) {
        nonZero += v != 0.0 ? 1 : 0;
      }
      all += row.length;
    }
    return (double) nonZero / all;
  }

  /**
   * {@code "load 0.85"}: the one-minute load average of the machine, on which every figure depends
   * (other processes share its cores).
   */
  private static String load() {
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return load < 0 ? "load unknown" : String.format(Locale.ROOT, "load %.2f", load);
  }

  /**
   * The median epoch time of training from a fixed start, on the reference or the baseline. For the
   * reference it is the time {@code fit} reports per epoch (shuffling and every step, not the input
   * checks before the first epoch), which is what the NumPy script times; the baseline has no such
   * checks and is timed whole.
   */
  private static double epochSeconds(Dataset train, int batchSize, int epochs, boolean naive) {
    double rate = batchSize == 1 ? 0.1 : 1.0;
    TwoLayerNet net = new TwoLayerNet(784, 100, 10, Activation.SIGMOID, 42);
    double[] seconds = new double[epochs];
    System.gc(); // so that garbage left by an earlier measurement is not collected during this one
    if (naive) {
      NaiveTwoLayerNet plain = new NaiveTwoLayerNet(net);
      for (int e = 0; e < epochs; e++) {
        TrainingOptions options = new TrainingOptions(1, rate, batchSize, e + 1);
        seconds[e] = time(() -> plain.fit(train.x(), train.y(), options)) / 1e9;
      }
    } else {
      // Warm-up: the JIT compiles on the same two cores, and would slow the timed epochs down.
      net.fit(train.x(), train.y(), new TrainingOptions(WARM_UP_EPOCHS, rate, batchSize, 0));
      net.fit(train.x(), train.y(), new TrainingOptions(epochs, rate, batchSize, 1), new TrainingListener() {
        @Override
        public void onEpoch(int epoch, double cost, long nanos) {
          seconds[epoch - 1] = nanos / 1e9;
        }
      });
    }
    return median(seconds);
  }

  /**
   * One thread against two, in pairs of epochs: each round trains an epoch of a network on one
   * thread, then an epoch of the same network (same start, same batches) on two, so that both see
   * the machine in the same state; a virtual machine's second core is not equally fast at all
   * times. Returns the median epoch times with one and two threads, then the median, lowest and
   * highest of the paired ratios.
   */
  private static double[] oneThreadAgainstTwo(Dataset train) {
    TwoLayerNet[] nets = new TwoLayerNet[3];
    for (int threads = 1; threads <= 2; threads++) {
      TwoLayerNet net = new TwoLayerNet(784, 100, 10, Activation.SIGMOID, 42);
      nets[threads] = net;
      withThreads(threads, () -> net.fit(train.x(), train.y(), new TrainingOptions(WARM_UP_EPOCHS, 1.0, 32, 0)));
    }
    double[][] seconds = new double[3][PAIRED_EPOCHS];
    double[] ratios = new double[PAIRED_EPOCHS];
    System.gc();
    for (int e = 0; e < PAIRED_EPOCHS; e++) {
      for (int threads = 1; threads <= 2; threads++) {
        double[] times = seconds[threads];
        int epoch = e;
        TwoLayerNet net = nets[threads];
        withThreads(threads, () -> net.fit(train.x(), train.y(), new TrainingOptions(1, 1.0, 32, epoch + 1),
            new TrainingListener() {
              @Override
              public void onEpoch(int ignored, double cost, long nanos) {
                times[epoch] = nanos / 1e9;
              }
            }));
      }
      ratios[e] = seconds[1][e] / seconds[2][e];
    }
    Arrays.sort(ratios);
    return new double[] {median(seconds[1]), median(seconds[2]), median(ratios), ratios[0],
        ratios[PAIRED_EPOCHS - 1]};
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /**
   * How much faster two threads make the product {@code X·W} (32 × 784 by 784 × 100, dense): with
   * {@code W} read-only, and with {@code W} updated by {@code descend} after each product, as training
   * does. An update split across two cores leaves each core half of {@code W} to fetch from the other
   * before the next product; how much that costs is a property of the machine, and bounds what two
   * threads can gain in training.
   */
  private static double[] productSpeedUpWithTwoThreads() {
    Random random = new Random(1);
    double[][] x = new double[32][784];
    double[][] w = new double[784][100];
    double[][] zero = new double[784][100];
    double[][] out = new double[32][100];
    for (double[][] m : List.of(x, w)) {
      for (double[] row : m) {
        for (int j = 0; j < row.length; j++) {
          row[j] = random.nextGaussian();
        }
      }
    }
    double[] speedUp = new double[2];
    for (int updated = 0; updated <= 1; updated++) {
      boolean update = updated == 1;
      long[] best = new long[3];
      for (int threads = 1; threads <= 2; threads++) {
        best[threads] = withThreads(threads, () -> fastestNanos(5, () -> {
          for (int i = 0; i < 1000; i++) {
            Matrices.multiplyInto(x, w, out);
            if (update) {
              Matrices.descend(w, 1.0, zero);
            }
          }
        }));
      }
      speedUp[updated] = (double) best[1] / best[2];
    }
    return speedUp;
  }

  /**
   * How long a kernel call takes to reach the other core and come back, with nothing to compute: a
   * training step splits about ten calls. On a virtual machine it changes from minute to minute, and
   * the two-thread speed-up changes with it.
   */
  private static double handOverMicros() {
    Parallelism.RowKernel nothing = (a, b, v, s, out, from, to) -> { };
    int calls = 100_000;
    long best = withThreads(2, () -> fastestNanos(5, () -> {
      for (int i = 0; i < calls; i++) {
        Parallelism.forRows(nothing, 2, 1 << 20, null, null, null, 0.0, null);
      }
    }));
    return best / 1e3 / calls;
  }

  /** Whether one epoch with two threads gives exactly the weights one thread gives. */
  private static boolean sameWeightsWithTwoThreads(Dataset train) {
    TwoLayerNet[] nets = new TwoLayerNet[2];
    for (int threads = 1; threads <= 2; threads++) {
      nets[threads - 1] = withThreads(threads, () -> {
        TwoLayerNet net = new TwoLayerNet(784, 100, 10, Activation.SIGMOID, 42);
        net.fit(train.x(), train.y(), new TrainingOptions(1, 1.0, 32, 1));
        return net;
      });
    }
    return Arrays.deepEquals(nets[0].liveW1(), nets[1].liveW1()) && Arrays.equals(nets[0].liveB1(), nets[1].liveB1())
        && Arrays.deepEquals(nets[0].liveW2(), nets[1].liveW2()) && Arrays.equals(nets[0].liveB2(), nets[1].liveB2());
  }

  /** What {@code work} returns when run with {@code threads} kernel threads; one thread again after. */
  private static <T> T withThreads(int threads, Supplier<T> work) {
    Parallelism.setThreads(threads);
    try {
      return work.get();
    } finally {
      Parallelism.setThreads(1);
    }
  }

  /** One comparison: the baseline's epoch, logit-lab's, and how many times faster logit-lab is. */
  private static void row(String what, String baseline, double baselineSeconds, double seconds) {
    System.out.printf(Locale.ROOT, "%-40s %-16s %7.3f s/epoch   logit-lab %7.3f s/epoch   %s%n", what,
        baseline, baselineSeconds, seconds, times(baselineSeconds / seconds));
  }

  /** {@code " 1.25× faster"} for a speed ratio above 1, {@code " 1.25× slower"} for its inverse. */
  private static String times(double ratio) {
    return ratio >= 1 ? String.format(Locale.ROOT, "%6.2f× faster", ratio)
        : String.format(Locale.ROOT, "%6.2f× slower", 1 / ratio);
  }

  private static double imagesPerSecond(Runnable predict, int images) {
    return images / (fastestNanos(7, predict) / 1e9);
  }

  /** The fastest of {@code repeats} runs of {@code work}, in nanoseconds. */
  private static long fastestNanos(int repeats, Runnable work) {
    long fastest = Long.MAX_VALUE;
    for (int r = 0; r < repeats; r++) {
      fastest = Math.min(fastest, time(work));
    }
    return fastest;
  }

  private static long time(Runnable work) {
    long start = System.nanoTime();
    work.run();
    return System.nanoTime() - start;
  }

  /** Bytes allocated by one more epoch, per mini-batch: what fit allocates per batch once it runs. */
  private static long allocationPerBatch(Dataset train) {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long[] bytes = new long[3];
    for (int epochs = 1; epochs <= 2; epochs++) {
      TwoLayerNet net = new TwoLayerNet(784, 100, 10, Activation.SIGMOID, 42);
      TrainingOptions options = new TrainingOptions(epochs, 1.0, 32, 1);
      long before = threads.getCurrentThreadAllocatedBytes();
      net.fit(train.x(), train.y(), options);
      bytes[epochs] = threads.getCurrentThreadAllocatedBytes() - before;
    }
    int batches = (train.size() + 31) / 32;
    return Math.max(0, (bytes[2] - bytes[1]) / batches);
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  private static long peakHeapBytes() {
    return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
        .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
  }

  /**
   * What the NumPy script prints for one run on the data in {@code dataDir} (one JSON line), or empty
   * if python3 with NumPy is not here.
   */
  private static Optional<String> numpy(Path dataDir, int batch, int epochs, boolean peak)
      throws IOException, InterruptedException {
    Path script = Path.of("src/test/python/numpy_bench.py");
    List<String> command = new java.util.ArrayList<>(List.of("python3", script.toString(), "--batch",
        String.valueOf(batch), "--epochs", String.valueOf(epochs), "--lr", batch == 1 ? "0.1" : "1.0"));
    if (peak) {
      command.add("--peak");
    }
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("OPENBLAS_NUM_THREADS", "1");
    builder.environment().put("MNIST_DIR", dataDir.toString());
    builder.redirectErrorStream(true);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      return Optional.empty();
    }
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    return process.waitFor() == 0 && out.startsWith("{") ? Optional.of(out) : Optional.empty();
  }

  /** The numbers of field {@code name} of the script's JSON line: a list, or a single number. */
  private static double[] numbers(String json, String name) {
    Matcher field = Pattern.compile("\"" + name + "\": (\\[([^\\]]*)\\]|[-0-9.eE+]+)").matcher(json);
    if (!field.find()) {
      throw new IllegalStateException("the NumPy script printed no " + name + ": " + json);
    }
    String values = field.group(2) != null ? field.group(2) : field.group(1);
    return Arrays.stream(values.split(",")).mapToDouble(v -> Double.parseDouble(v.trim())).toArray();
  }
}
