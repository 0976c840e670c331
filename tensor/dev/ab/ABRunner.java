package org.sgae.tensor.cpu;
import java.util.*;
import org.sgae.tensor.attrs.Conv2dShape;
import org.sgae.tensor.cpu.gemm.Sgemm;
/** Loaded once per version; step() runs one fwd+bwdIn+bwdW and returns the three times in ms. */
public class ABRunner {
  final Conv2dShape s; final float[] x,w,dy,y,dx,dw;
  public ABRunner(int n,int cin,int cout,int hw){
    s=Conv2dShape.of(n,cin,hw,hw,cout,3,1,1,1); Random r=new Random(1);
    x=f(r,(int)s.inputSize()); w=f(r,(int)s.weightSize()); dy=f(r,(int)s.outputSize());
    y=new float[(int)s.outputSize()]; dx=new float[(int)s.inputSize()]; dw=new float[(int)s.weightSize()];
  }
  float[] ga, gb, gc; int gn;
  public ABRunner(int n){ gn=n; Random r=new Random(1); ga=f(r,n*n); gb=f(r,n*n); gc=new float[n*n]; s=null; x=w=dy=y=dx=dw=null; }
  public double[] step(){
    if (gn > 0) { long t0=System.nanoTime(); Sgemm.sgemm(false,false,gn,gn,gn,1f,ga,0,gn,gb,0,gn,0f,gc,0,gn); return new double[]{(System.nanoTime()-t0)/1e6,0,0}; }
    long t0=System.nanoTime(); Conv2dCpu.forward(s,x,w,null,y);
    long t1=System.nanoTime(); Conv2dCpu.backwardInput(s,dy,w,dx);
    long t2=System.nanoTime(); Conv2dCpu.backwardWeight(s,x,dy,dw,null);
    long t3=System.nanoTime();
    return new double[]{(t1-t0)/1e6,(t2-t1)/1e6,(t3-t2)/1e6};
  }
  static float[] f(Random r,int n){ float[] v=new float[n]; for(int i=0;i<n;i++) v[i]=(float)r.nextGaussian(); return v; }
}
