"""Build the ONNX graph of :class:`student.Student` by hand (opset 18, no exporter quirks).

Input ``ids`` int64 ``[S, K]`` (the runtime featurizer's n-gram bucket ids per segment,
``buckets`` = padding); output ``logits`` float ``[S - 1]``, one per pair of consecutive rows
(a 512-char window, stride 256).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
from student import Spec, Student


class _Graph:
    def __init__(self) -> None:
        self.nodes: list[onnx.NodeProto] = []
        self.inits: list[onnx.TensorProto] = []
        self.n = 0

    def const(self, value: np.ndarray | int | float, dtype: type = np.int64) -> str:
        self.n += 1
        name = f"c{self.n}"
        self.inits.append(numpy_helper.from_array(np.asarray(value, dtype=dtype), name))
        return name

    def op(self, kind: str, *inputs: str, **attrs: object) -> str:
        self.n += 1
        out = f"t{self.n}"
        self.nodes.append(helper.make_node(kind, list(inputs), [out], **attrs))
        return out

    def rows(self, x: str, start: int, end: int) -> str:
        return self.op("Slice", x, self.const([start]), self.const([end]), self.const([0]))


def build(model: Student, name: str = "aiegis-injection") -> onnx.ModelProto:
    s: Spec = model.spec
    g = _Graph()
    # the table is stored as float16 (half the file; scores move by < 1e-3) and widened
    # after the gather, so every later op runs in float32
    table = g.const(model.emb.weight.detach().numpy(), np.float16)
    e = g.op("Cast", g.op("Gather", table, "ids", axis=0), to=TensorProto.FLOAT)  # [S, K, D]
    total = g.op("ReduceSum", e, g.const([1]), keepdims=0)
    peak = g.op("ReduceMax", e, g.const([1]), keepdims=0)
    valid = g.op("Cast", g.op("Less", "ids", g.const(s.buckets)), to=TensorProto.FLOAT)
    cnt = g.op("ReduceSum", valid, g.const([1]), keepdims=1)

    def pair(x: str, f: str) -> str:
        return g.op(f, g.rows(x, 0, -1), g.rows(x, 1, 1 << 62))

    mean = g.op("Div", pair(total, "Add"), g.op("Max", pair(cnt, "Add"), g.const(1.0, np.float32)))
    mx = g.op("Max", pair(peak, "Max"), g.const(0.0, np.float32))
    feat = g.op("Concat", mean, mx, axis=1)
    w1 = g.const(model.fc1.weight.detach().numpy().T, np.float32)
    b1 = g.const(model.fc1.bias.detach().numpy(), np.float32)
    h1 = g.op("Relu", g.op("Add", g.op("MatMul", feat, w1), b1))
    w2 = g.const(model.fc2.weight.detach().numpy().T, np.float32)
    b2 = g.const(model.fc2.bias.detach().numpy(), np.float32)
    logit = g.op("Add", g.op("MatMul", h1, w2), b2)
    g.nodes.append(helper.make_node("Reshape", [logit, g.const([-1])], ["logits"]))
    k = sum(s.segment - n + 1 for n in s.orders)
    graph = helper.make_graph(
        g.nodes,
        name,
        [helper.make_tensor_value_info("ids", TensorProto.INT64, ["segments", k])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["windows"])],
        g.inits,
    )
    proto = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 18)])
    proto.ir_version = 8
    onnx.checker.check_model(proto)
    return proto


def save(model: Student, path: Path) -> None:
    path.write_bytes(build(model).SerializeToString())
