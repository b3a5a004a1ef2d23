package org.logitlab.grader.submission;

import java.util.List;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Opcodes;

/** What a class file's header says, as ASM visits it: its name, supertypes and source file. */
abstract class ClassHeader extends ClassVisitor {
  String name;
  String superName;
  List<String> interfaces = List.of();
  /** The source file's name, or null when the class file does not record it. */
  String source;

  ClassHeader() {
    super(Opcodes.ASM9);
  }

  @Override
  public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
    this.name = name;
    this.superName = superName;
    this.interfaces = interfaces == null ? List.of() : List.of(interfaces);
  }

  @Override
  public void visitSource(String source, String debug) {
    this.source = source;
  }
}
