// Calls a third-party plugin's transform by the name its namespace (Acme.Qat) exports; nothing to import.
var clip = Clipping.Symmetric(limit: 0.5);
Print(clip);
var clipped = clip.Forward(torch.ones(2, 3) * 2, new TransformContext("0_LinearTorch", "weight", "weights", false, null, 0));
Print(clipped);
