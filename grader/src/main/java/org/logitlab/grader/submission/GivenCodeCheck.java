package org.logitlab.grader.submission;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.logitlab.exercise.Exercise;
import org.logitlab.exercise.Messages;
import org.logitlab.grader.Texts;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * What given code each exercise may call: an exercise is the computation it names, so the code it
 * runs may not hand that computation to given code that already does it (the sigmoid from the
 * stable BCE-from-logits, softmax from {@code Softmax.log}, {@code fit} as the given
 * {@code GradientDescent} loop, a gradient from the loss by finite differences). Behaviourally such
 * code is right; as an answer it is empty.
 *
 * <p>The check follows the calls from the exercise's method through the submission's own classes
 * (helpers, lambdas, nested and anonymous classes it creates) and refuses every reference to a given
 * {@code org.logitlab} class outside the exercise's {@link Rules#allowed allowed} ones, and every call
 * of a {@link Rules#notOwn given method of the exercise's own file} that computes the answer. The rest
 * of the file (the given methods the exercise does not reach) is not concerned.
 */
final class GivenCodeCheck {

  /**
   * One exercise's rules.
   *
   * @param allowed given classes (internal names, or package prefixes ending in '/') its code may use;
   *     {@code null} for every given class but those in {@code refused}
   * @param refused given classes or package prefixes refused even where {@code allowed} is null
   * @param notOwn methods of the exercise's own class that its code may not call
   */
  record Rules(Set<String> allowed, Set<String> refused, Set<String> notOwn) {}

  /** Given code every exercise may use: the exercise catalogue (the skeleton's {@code unfinished()}). */
  private static final String CATALOGUE = "org/logitlab/exercise/Exercise";

  private static final String KERNELS = "org/logitlab/linalg/Matrices";
  private static final String PASS = "org/logitlab/network/ForwardPass";
  private static final String GRADS = "org/logitlab/network/Gradients";
  /** The activations (sigmoid, tanh, softmax): a backprop step may recompute them or their slopes. */
  private static final String ACTIVATIONS = "org/logitlab/activation/";

  static Rules rules(Exercise exercise) {
    return switch (exercise) {
      case SIGMOID -> new Rules(Set.of(), Set.of(), Set.of());
      case BCE_GRADIENT -> new Rules(Set.of(KERNELS), Set.of(), Set.of("loss", "lossFromLogits"));
      case SOFTMAX -> new Rules(Set.of(), Set.of(), Set.of("log", "logRows"));
      case ONE_HOT -> new Rules(Set.of(), Set.of(), Set.of());
      case OUTPUT_BACKPROP -> new Rules(Set.of(KERNELS, PASS, GRADS, ACTIVATIONS), Set.of(), Set.of("forward"));
      case HIDDEN_BACKPROP -> new Rules(Set.of(KERNELS, PASS, GRADS, ACTIVATIONS), Set.of(), Set.of("forward"));
      case FIT -> new Rules(null, Set.of("org/logitlab/model/GradientDescent", "org/logitlab/gradcheck/",
              "org/logitlab/logistic/", "org/logitlab/softmax/SoftmaxRegression"), Set.of());
    };
  }

  private GivenCodeCheck() {}

  /**
   * The references of the exercise's code to given code it may not use, each a sentence naming the
   * method and line, what it called and why; empty when there are none.
   *
   * @param classesDir the classes the exercise's file compiled to (already checked by {@link BytecodeCheck})
   */
  static List<String> check(Exercise exercise, Path classesDir, Messages messages) throws IOException {
    Map<String, ClassInfo> classes = new HashMap<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(classesDir)) {
      files = walk.filter(f -> f.toString().endsWith(".class")).sorted().toList();
    }
    for (Path file : files) {
      ClassInfo info = new ClassInfo();
      new ClassReader(Files.readAllBytes(file)).accept(info, ClassReader.SKIP_FRAMES);
      classes.put(info.name, info);
    }
    String source = exercise.sourceFile();
    String type = source.substring(0, source.length() - ".java".length());
    ClassInfo own = classes.get(type);
    if (own == null) {
      return List.of(); // BytecodeCheck says so
    }
    return new Walk(exercise, rules(exercise), type, classes, messages).from(own, exerciseMethods(exercise, own));
  }

  /** The methods of the exercise's class that match its name and parameter types ({@code apply(double)}). */
  private static List<String> exerciseMethods(Exercise exercise, ClassInfo own) {
    String method = exercise.method();
    String name = method.substring(method.indexOf('.') + 1, method.indexOf('('));
    String params = method.substring(method.indexOf('(') + 1, method.length() - 1);
    List<String> wanted = params.isEmpty() ? List.of() : Arrays.stream(params.split(",")).map(String::strip).toList();
    List<String> found = new ArrayList<>();
    for (String key : own.methods.keySet()) {
      if (!key.startsWith(name + "(")) {
        continue;
      }
      List<String> actual = Arrays.stream(Type.getArgumentTypes(key.substring(name.length())))
          .map(t -> BytecodeCheck.simple(t.getClassName().replace('.', '/'))).toList();
      if (actual.equals(wanted)) {
        found.add(key);
      }
    }
    return found;
  }

  /** A search over the submission's methods reachable from the exercise's. */
  private static final class Walk {
    private final Exercise exercise;
    private final Rules rules;
    private final Messages messages;
    private final String type;
    private final Map<String, ClassInfo> classes;
    private final Deque<String[]> todo = new ArrayDeque<>();
    private final Set<String> seen = new LinkedHashSet<>();
    private final Set<String> violations = new LinkedHashSet<>();

    Walk(Exercise exercise, Rules rules, String type, Map<String, ClassInfo> classes, Messages messages) {
      this.messages = messages;
      this.exercise = exercise;
      this.rules = rules;
      this.type = type;
      this.classes = classes;
    }

    List<String> from(ClassInfo own, List<String> methods) {
      methods.forEach(m -> reach(own.name, m));
      while (!todo.isEmpty()) {
        String[] next = todo.pop();
        ClassInfo info = classes.get(next[0]);
        MethodInfo method = info.methods.get(next[1]);
        for (Use use : method.uses) {
          visit(info, method, use);
        }
      }
      return List.copyOf(violations);
    }

    private void reach(String owner, String nameAndDesc) {
      ClassInfo info = classes.get(owner);
      if (info != null && info.methods.containsKey(nameAndDesc) && seen.add(owner + "." + nameAndDesc)) {
        todo.push(new String[] {owner, nameAndDesc});
      }
    }

    /** Everything a class of the submission runs once it exists: its initializers and all its methods. */
    private void reachAll(String owner) {
      ClassInfo info = classes.get(owner);
      if (info != null) {
        info.methods.keySet().forEach(m -> reach(owner, m));
      }
    }

    private void visit(ClassInfo info, MethodInfo method, Use use) {
      if (classes.containsKey(use.owner())) {
        if (use.owner().equals(type) && use.kind() == Kind.CALL && rules.notOwn().contains(use.name())) {
          refuse(info, method, use, messages.text("given.own", "method", BytecodeCheck.simple(type) + "." + use.name(),
              "file", exercise.sourceFile().substring(exercise.sourceFile().lastIndexOf('/') + 1)));
          return;
        }
        if (use.kind() == Kind.CALL) {
          reachInHierarchy(use.owner(), use.name() + use.desc());
        } else if (use.kind() == Kind.TYPE && !use.owner().equals(type)) {
          reachAll(use.owner()); // a helper class it creates: whatever it can run, through any interface
        }
        return;
      }
      if (use.owner().startsWith("org/logitlab/") && !use.owner().equals(CATALOGUE) && !allowed(use.owner())) {
        refuse(info, method, use, messages.text("given.code", "type", BytecodeCheck.dotted(use.owner())));
      }
    }

    /** The method in the owner or a supertype in the submission, and its overrides in the submission. */
    private void reachInHierarchy(String owner, String nameAndDesc) {
      for (String c = owner; c != null && classes.containsKey(c); c = classes.get(c).superName) {
        if (classes.get(c).methods.containsKey(nameAndDesc)) {
          reach(c, nameAndDesc);
          break;
        }
      }
      for (ClassInfo other : classes.values()) {
        if (other.methods.containsKey(nameAndDesc) && (other.interfaces.contains(owner) || subclass(other, owner))) {
          reach(other.name, nameAndDesc);
        }
      }
    }

    private boolean subclass(ClassInfo info, String ancestor) {
      for (String c = info.superName; c != null; c = classes.containsKey(c) ? classes.get(c).superName : null) {
        if (c.equals(ancestor)) {
          return true;
        }
      }
      return false;
    }

    private boolean allowed(String owner) {
      if (rules.allowed() == null) {
        return rules.refused().stream().noneMatch(r -> matches(owner, r));
      }
      return rules.allowed().stream().anyMatch(a -> matches(owner, a));
    }

    private static boolean matches(String owner, String rule) {
      return rule.endsWith("/") ? owner.startsWith(rule) : owner.equals(rule) || owner.startsWith(rule + "$");
    }

    private void refuse(ClassInfo info, MethodInfo method, Use use, String what) {
      String where = BytecodeCheck.displayName(messages, BytecodeCheck.simple(info.name), method.name) + " ("
          + (info.source == null ? BytecodeCheck.simple(info.name) + ".java" : info.source)
          + (use.line() > 0 ? ":" + use.line() : "") + ")";
      String called = switch (use.kind()) {
        case CALL -> messages.text("what.calls", "method", BytecodeCheck.methodText(use.owner(), use.name(), use.desc()));
        case FIELD -> messages.text("what.uses", "type", BytecodeCheck.dotted(use.owner()) + "." + use.name());
        case TYPE -> messages.text("what.uses", "type", BytecodeCheck.dotted(use.owner()));
      };
      violations.add(messages.text("given.violation", "where", where, "what", called, "given", what, "exercise",
          Texts.of(messages.language()).exercise(exercise), "why", messages.text("given.why." + exercise.name())));
    }
  }

  private enum Kind { CALL, FIELD, TYPE }

  /** A reference from a method: a call, a field, or a class it creates or names ({@code name} null for a class). */
  private record Use(Kind kind, String owner, String name, String desc, int line) {}

  private static final class MethodInfo {
    final String name;
    final List<Use> uses = new ArrayList<>();

    MethodInfo(String name) {
      this.name = name;
    }
  }

  /** One class of the submission: its methods and what each references. */
  private static final class ClassInfo extends ClassHeader {
    final Map<String, MethodInfo> methods = new HashMap<>();

    @Override
    public MethodVisitor visitMethod(int access, String method, String descriptor, String signature,
        String[] exceptions) {
      MethodInfo info = new MethodInfo(method);
      methods.put(method + descriptor, info);
      return new MethodVisitor(Opcodes.ASM9) {
        private int line;

        @Override
        public void visitLineNumber(int line, Label start) {
          this.line = line;
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String called, String desc, boolean itf) {
          if (!owner.startsWith("[")) {
            info.uses.add(new Use(Kind.CALL, owner, called, desc, line));
          }
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String field, String desc) {
          info.uses.add(new Use(Kind.FIELD, owner, field, desc, line));
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
          Type t = Type.getObjectType(type);
          if (t.getSort() == Type.ARRAY) {
            t = t.getElementType();
          }
          if (t.getSort() == Type.OBJECT) {
            info.uses.add(new Use(Kind.TYPE, t.getInternalName(), null, null, line));
          }
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String desc, Handle bsm, Object... args) {
          for (Object arg : args) {
            if (arg instanceof Handle h && h.getTag() >= Opcodes.H_INVOKEVIRTUAL) {
              info.uses.add(new Use(Kind.CALL, h.getOwner(), h.getName(), h.getDesc(), line));
            }
          }
        }

        @Override
        public void visitLdcInsn(Object value) {
          if (value instanceof Type t && t.getSort() == Type.OBJECT) {
            info.uses.add(new Use(Kind.TYPE, t.getInternalName(), null, null, line));
          }
        }
      };
    }
  }
}
