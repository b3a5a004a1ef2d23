package org.logitlab.tools;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * A class loader that loads the project's own classes ({@code org.logitlab.*}) from its URLs before
 * asking its parent, and everything else (the JDK, JUnit, AssertJ) from the parent. Checks and
 * graders use it to run a student's classes, or a variant of the skeleton, beside the classes of the
 * same names already on the class path.
 */
public final class ChildFirstClassLoader extends URLClassLoader {

  private static final String OWN = "org.logitlab.";

  /**
   * @param urls where the project's classes are read from, searched in order
   * @param parent where everything else comes from
   */
  public ChildFirstClassLoader(URL[] urls, ClassLoader parent) {
    super(urls, parent);
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (!name.startsWith(OWN)) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> c = findLoadedClass(name);
      if (c == null) {
        c = findClass(name);
      }
      if (resolve) {
        resolveClass(c);
      }
      return c;
    }
  }
}
