import torch, torchvision, torch.nn.functional as F
torch.manual_seed(7)
def arr(t): return ", ".join("%.9gf" % v for v in t.flatten().tolist())
# roi_align fixture: x (2,2,5,6), 4 rois
x = torch.randn(2,2,5,6)
rois = torch.tensor([[0, 1.3, 2.1, 40.7, 30.2],[1, -8.0, 5.0, 20.0, 70.0],[0, 50.0, 40.0, 95.0, 79.0],[1, 10.0, 10.0, 10.5, 10.2]])
for aligned in (True, False):
  for sr in (2, 0):
    y = torchvision.ops.roi_align(x, rois, (3,2), 1/16, sr, aligned)
    print("// aligned=%s sr=%d" % (aligned, sr)); print("ROI_%s_%d = {%s};" % (aligned, sr, arr(y)))
print("ROI_X = {%s};" % arr(x)); print("ROI_ROIS = {%s};" % arr(rois))
# layout fixture (anchor convention)
O,D,H,W,m = 3,2,9,11,8
vecs = torch.randn(O,D)
boxes = torch.tensor([[0.1,0.2,0.6,0.7],[0.35,0.05,0.95,0.5],[-0.1,0.4,0.3,1.1]])
x0,y0,x1,y1 = boxes.unbind(1); ww,hh = x1-x0, y1-y0
theta = torch.zeros(O,2,3); theta[:,0,0]=1/ww; theta[:,0,2]=(1-2*x0)/ww-1; theta[:,1,1]=1/hh; theta[:,1,2]=(1-2*y0)/hh-1
grid = F.affine_grid(theta, [O,D,H,W], align_corners=False)
s = F.grid_sample(vecs.view(O,D,1,1).expand(O,D,m,m), grid, mode="bilinear", padding_mode="zeros", align_corners=False)
img = torch.tensor([0,1,0])
out = torch.zeros(2,D,H,W).index_add(0, img, s)
print("LAY_VECS = {%s};" % arr(vecs)); print("LAY_BOXES = {%s};" % arr(boxes)); print("LAY_OUT = {%s};" % arr(out))
# sg2im convention: linspace grid, align_corners=True
X = torch.linspace(0,1,W).view(1,1,W).expand(O,H,W); Y = torch.linspace(0,1,H).view(1,H,1).expand(O,H,W)
Xp = (X - x0.view(O,1,1))/ww.view(O,1,1); Yp = (Y - y0.view(O,1,1))/hh.view(O,1,1)
g2 = torch.stack([Xp*2-1, Yp*2-1], dim=3)
s2 = F.grid_sample(vecs.view(O,D,1,1).expand(O,D,m,m), g2, mode="bilinear", padding_mode="zeros", align_corners=True)
out2 = torch.zeros(2,D,H,W).index_add(0, img, s2)
print("LAY_OUT_SG2IM = {%s};" % arr(out2))
# nms / iou fixture
b = torch.tensor([[0,0,10,10],[1,1,11,11],[0,0,10,10],[20,20,30,30],[21,19,29,31],[5,5,15,15]], dtype=torch.float32)
sc = torch.tensor([0.9,0.8,0.9,0.7,0.75,0.6])
print("NMS_KEEP_05 =", torchvision.ops.nms(b, sc, 0.5).tolist())
print("NMS_KEEP_01 =", torchvision.ops.nms(b, sc, 0.1).tolist())
print("IOU = {%s};" % arr(torchvision.ops.box_iou(b, b)))
