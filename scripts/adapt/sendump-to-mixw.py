#!/usr/bin/env python3
"""Expands pocketsphinx's quantized mixture weights (sendump) into a Sphinx-III mixture_weights file.

Debian's en-us model ships only `sendump` (8-bit, -log base 1.0001 >> 10); sphinxtrain's bw and map_adapt need
float mixture weights. Python 3 port of sphinxtrain's python/cmusphinx/sendump.py (Python 2 + numpy), stdlib only.
Usage: sendump-to-mixw.py SENDUMP OUT_MIXTURE_WEIGHTS
"""
import struct
import sys
from array import array


def read_sendump(path):
    with open(path, "rb") as f:
        data = f.read()
    pos = 0
    fmt = "<I"

    def read_int():
        nonlocal pos, fmt
        (v,) = struct.unpack_from(fmt, data, pos)
        if v > 65536 * 256 and fmt == "<I":  # big-endian file
            fmt = ">I"
            (v,) = struct.unpack_from(fmt, data, pos)
        pos += 4
        return v

    def read_str():
        nonlocal pos
        n = read_int()
        if n == 0:
            return None
        s = data[pos:pos + n - 1].decode("ascii", "replace")
        pos += n
        return s

    headers = {}
    read_str()  # title
    while True:
        h = read_str()
        if h is None:
            break
        parts = h.split()
        if len(parts) == 2 and parts[1].isdigit():
            headers[parts[0]] = int(parts[1])
    shift = headers.get("mixw_shift", 10)
    n_feat = headers.get("feature_count", 1)
    if headers.get("cluster_count", 0) != 0 or headers.get("cluster_bits", 8) != 8:
        sys.exit("clustered / 4-bit sendump files are not supported")
    n_density = read_int()  # codewords
    n_sen = read_int()      # senones
    if pos + n_feat * n_density * n_sen > len(data):
        sys.exit("sendump is shorter than its header says")
    return data, pos, shift, n_feat, n_density, n_sen


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    data, pos, shift, n_feat, n_density, n_sen = read_sendump(sys.argv[1])
    # stored [feat][density][senone]; Sphinx-III wants [senone][feat][density], each row summing to 1
    table = [1.0001 ** -(v << shift) for v in range(256)]
    out = array("f", bytes(4 * n_sen * n_feat * n_density))
    for f in range(n_feat):
        for d in range(n_density):
            row = data[pos:pos + n_sen]
            pos += n_sen
            base = f * n_density + d
            for s, v in enumerate(row):
                out[(s * n_feat) * n_density + base] = table[v]
    for s in range(n_sen):
        for f in range(n_feat):
            start = (s * n_feat + f) * n_density
            total = sum(out[start:start + n_density]) or 1.0
            for d in range(start, start + n_density):
                out[d] /= total
    with open(sys.argv[2], "wb") as o:
        header = "s3\nversion 1.0\n"
        pad = (len(header) + len("endhdr\n")) & 3
        header += (" " * (4 - pad) if pad else "") + "endhdr\n"
        o.write(header.encode("ascii"))
        o.write(struct.pack("=i", 0x11223344))
        o.write(struct.pack("=IIII", n_sen, n_feat, n_density, n_sen * n_feat * n_density))
        if sys.byteorder != "little":
            out.byteswap()
        o.write(out.tobytes())
    print(f"mixture_weights: {n_sen} senones x {n_feat} streams x {n_density} densities")


if __name__ == "__main__":
    main()
