package org.logitlab.grader.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A command line: positional arguments, {@code --name value} (or {@code --name=value}) options and
 * {@code --name} flags, checked against what a command takes.
 */
record Args(List<String> positional, Map<String, String> options, Set<String> flags) {

  /**
   * Parses {@code args} of a command without flags.
   *
   * @param allowed the options the command takes
   * @throws IllegalArgumentException for an unknown option or one without a value
   */
  static Args parse(List<String> args, Set<String> allowed) {
    return parse(args, allowed, Set.of());
  }

  /**
   * Parses {@code args}.
   *
   * @param allowed the options the command takes, each with a value
   * @param allowedFlags the flags it takes, without a value
   * @throws IllegalArgumentException for an unknown option, an option without a value or a flag with one
   */
  static Args parse(List<String> args, Set<String> allowed, Set<String> allowedFlags) {
    List<String> positional = new ArrayList<>();
    Map<String, String> options = new HashMap<>();
    Set<String> flags = new HashSet<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--")) {
        positional.add(arg);
        continue;
      }
      int equals = arg.indexOf('=');
      String name = equals < 0 ? arg : arg.substring(0, equals);
      if (allowedFlags.contains(name)) {
        if (equals >= 0) {
          throw new IllegalArgumentException(name + " takes no value; write just " + name);
        }
        flags.add(name);
        continue;
      }
      if (!allowed.contains(name)) {
        throw new IllegalArgumentException("unknown option '" + name + "'; this command takes "
            + Stream.concat(allowed.stream(), allowedFlags.stream()).sorted().toList());
      }
      if (equals < 0 && i + 1 >= args.size()) {
        throw new IllegalArgumentException(name + " needs a value");
      }
      if (options.put(name, equals < 0 ? args.get(++i) : arg.substring(equals + 1)) != null) {
        throw new IllegalArgumentException(name + " is given twice");
      }
    }
    return new Args(positional, options, Set.copyOf(flags));
  }

  /** Whether the flag {@code name} is given. */
  boolean flag(String name) {
    return flags.contains(name);
  }

  /** The option's value, or {@code fallback}. */
  String option(String name, String fallback) {
    return options.getOrDefault(name, fallback);
  }

  /** The option as a number, or {@code fallback}. */
  double decimal(String name, double fallback) {
    String value = options.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      double x = Double.parseDouble(value);
      if (Double.isFinite(x)) {
        return x;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(name + " takes a number; got '" + value + "'");
  }

  /** The option as a whole number, or {@code fallback}. */
  long number(String name, long fallback) {
    String value = options.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " takes a whole number; got '" + value + "'", e);
    }
  }
}
