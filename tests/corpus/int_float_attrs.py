vals = [0, 1, 255, -256, 2**70 + 5, True]
result = [(v.bit_length(), v.bit_count(), v.real, v.imag, v.conjugate(), v.numerator, v.denominator) for v in vals]
result += [(f.is_integer(), f.real, f.imag, f.conjugate()) for f in [1.0, 2.5, -0.0]]
