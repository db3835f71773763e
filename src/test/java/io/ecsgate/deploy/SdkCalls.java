package io.ecsgate.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import software.amazon.awssdk.core.SdkClient;

/**
 * Every AWS operation compiled classes can call: invocations (and method references) of methods on
 * an SDK client interface {@code software/amazon/awssdk/services/<service>/<Name>Client}, read from
 * the bytecode with ASM. {@code describeXPaginator} counts as {@code DescribeX}; methods that are
 * not operations ({@code close}, {@code serviceName}, {@code waiter}…) are skipped.
 */
final class SdkCalls {
  private static final Pattern CLIENT =
      Pattern.compile("software/amazon/awssdk/services/([a-z0-9]+)/([A-Za-z0-9]+)Client");
  private static final Set<String> NOT_OPERATIONS =
      Set.of(
          "close",
          "serviceName",
          "serviceClientConfiguration",
          "waiter",
          "utilities",
          "create",
          "builder",
          "<init>");

  /**
   * One operation of one SDK service: the SDK's package name ({@code elasticloadbalancingv2}) and
   * the API's name.
   */
  record Operation(String service, String name) implements Comparable<Operation> {
    @Override
    public int compareTo(Operation other) {
      return toString().compareTo(other.toString());
    }

    @Override
    public String toString() {
      return service + ":" + name;
    }
  }

  /** A call site: the operation and the class that makes it. */
  record Call(Operation operation, String caller) {}

  private SdkCalls() {}

  /**
   * Every call site in the classes below {@code classes} whose internal name {@code include}
   * accepts.
   */
  static List<Call> scan(Path classes, Predicate<String> include) {
    List<Call> calls = new java.util.ArrayList<>();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
        String internalName =
            classes.relativize(file).toString().replace('\\', '/').replaceAll("\\.class$", "");
        if (!include.test(internalName)) continue;
        try (InputStream in = Files.newInputStream(file)) {
          new ClassReader(in)
              .accept(
                  new Collector(internalName, calls),
                  ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return calls;
  }

  static Set<Operation> operations(List<Call> calls) {
    Set<Operation> operations = new TreeSet<>();
    calls.forEach(call -> operations.add(call.operation()));
    return operations;
  }

  /** The operation a method of an SDK client interface stands for, if it is one. */
  static java.util.Optional<Operation> operationOf(String owner, String method) {
    Matcher client = CLIENT.matcher(owner);
    if (!client.matches() || NOT_OPERATIONS.contains(method)) return java.util.Optional.empty();
    if (!isSdkClientInterface(owner)) return java.util.Optional.empty();
    String name =
        method.endsWith("Paginator")
            ? method.substring(0, method.length() - "Paginator".length())
            : method;
    return java.util.Optional.of(
        new Operation(client.group(1), Character.toUpperCase(name.charAt(0)) + name.substring(1)));
  }

  private static boolean isSdkClientInterface(String owner) {
    try {
      Class<?> type =
          Class.forName(owner.replace('/', '.'), false, SdkCalls.class.getClassLoader());
      return type.isInterface() && SdkClient.class.isAssignableFrom(type);
    } catch (ClassNotFoundException e) {
      throw new AssertionError(
          "compiled code calls " + owner + ", which is not on the test classpath", e);
    }
  }

  private static final class Collector extends ClassVisitor {
    private final String caller;
    private final List<Call> calls;

    Collector(String caller, List<Call> calls) {
      super(Opcodes.ASM9);
      this.caller = caller;
      this.calls = calls;
    }

    @Override
    public MethodVisitor visitMethod(
        int access, String name, String descriptor, String signature, String[] exceptions) {
      return new MethodVisitor(Opcodes.ASM9) {
        @Override
        public void visitMethodInsn(
            int opcode, String owner, String method, String methodDescriptor, boolean isInterface) {
          record(owner, method);
        }

        @Override
        public void visitInvokeDynamicInsn(
            String method, String methodDescriptor, Handle bootstrap, Object... arguments) {
          // method references (elb::describeTags) reach the client through a handle, not an invoke
          // instruction
          for (Object argument : arguments) {
            if (argument instanceof Handle handle) record(handle.getOwner(), handle.getName());
          }
        }
      };
    }

    private void record(String owner, String method) {
      operationOf(owner, method).ifPresent(operation -> calls.add(new Call(operation, caller)));
    }
  }
}
