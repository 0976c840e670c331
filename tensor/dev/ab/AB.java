package ab;
import java.net.*; import java.nio.file.*; import java.util.*; import java.lang.reflect.*;
/** A/B of two builds of the tensor classes in one JVM, calls alternating: args dirA dirB n cin cout hw reps. */
public class AB {
  public static void main(String[] a) throws Exception {
    URL runner = Paths.get("/tmp/ab/out").toUri().toURL();
    Object[] r = new Object[2]; Method[] m = new Method[2];
    for (int v=0; v<2; v++) {
      String prop = System.getProperty(v==0 ? "ab.propA" : "ab.propB");
      if (prop != null) { String[] kv = prop.split("=",2); System.setProperty(kv[0], kv[1]); }
      URLClassLoader cl = new URLClassLoader(new URL[]{runner, Paths.get(a[v]).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
      Class<?> c = cl.loadClass("org.sgae.tensor.cpu.ABRunner");
      r[v] = a[2].equals("sgemm") ? c.getConstructor(int.class).newInstance(Integer.parseInt(a[3]))
          : c.getConstructor(int.class,int.class,int.class,int.class).newInstance(Integer.parseInt(a[2]),Integer.parseInt(a[3]),Integer.parseInt(a[4]),Integer.parseInt(a[5]));
      m[v] = c.getMethod("step");
      String pre = System.getProperty(v==0 ? "ab.preA" : "ab.preB");
      if (pre != null) for (String shape : pre.split(";")) { String[] q = shape.split(",");
        Object o = c.getConstructor(int.class,int.class,int.class,int.class).newInstance(Integer.parseInt(q[0]),Integer.parseInt(q[1]),Integer.parseInt(q[2]),Integer.parseInt(q[3]));
        long t0=System.nanoTime(); while (System.nanoTime()-t0 < 4e9) m[v].invoke(o); System.out.println("pre-ran "+shape+" on side "+v); }
      Class.forName("org.sgae.tensor.cpu.winograd.Winograd", true, cl);
      Class.forName("org.sgae.tensor.cpu.CpuParallel", true, cl);
    }
    int reps=Integer.parseInt(a[6]);
    for (int i=0;i<reps/3+3;i++) { m[0].invoke(r[0]); m[1].invoke(r[1]); } // warm-up
    double[][][] t = new double[2][3][reps]; double[][] tot=new double[2][reps];
    for (int i=0;i<reps;i++) for (int v0=0; v0<2; v0++) { int v = (i%2==0)? v0 : 1-v0; double[] d=(double[])m[v].invoke(r[v]); for(int k=0;k<3;k++){t[v][k][i]=d[k]; tot[v][i]+=d[k];} }
    String[] names={"fwd","bwdIn","bwdW"};
    for (int v=0; v<2; v++) { StringBuilder sb=new StringBuilder(v==0?"A ":"B ");
      for(int k=0;k<3;k++) sb.append(names[k]).append(st(t[v][k])).append("  ");
      sb.append("total").append(st(tot[v])); System.out.println(sb); }
  }
  static String st(double[] x){ double[] c=x.clone(); Arrays.sort(c); return String.format(" min %.2f med %.2f", c[0], c[c.length/2]); }
}
