// SignalRfft (TFLM signal custom op; the int16 path is also checked by the audio front-end
// conformance model). Expectations: int16/int32 from an independent Python port of KISS FFT
// 1.3.0's fixed-point kiss_fftr (written for this table, not part of the repo; checked
// against numpy.fft.rfft / fft_length); float32 from numpy.fft.rfft.
import type { OpCase } from './op_case.js';
import type { ModelBuilder, DTypeName } from '../builder/tflite_builder.js';
import { encode } from 'flatbuffers/mjs/flexbuffers.js';

const T: Record<string, number> = { float32: 0, int32: 2, int16: 7, int8: 9 };

function rfft(m: ModelBuilder, dtype: DTypeName, inShape: number[], outShape: number[], fftLength: number, t = T[dtype]) {
  const x = m.tensor({ dtype, shape: inShape });
  const y = m.tensor({ dtype, shape: outShape });
  m.customOp('SignalRfft', [x], [y], encode({ T: t, fft_length: fftLength }));
  m.inputs(x).outputs(y);
}

export const cases: OpCase[] = [
  {
    name: 'int16, fft_length 16 (radix 4 then 2)',
    build(m) { rfft(m, 'int16', [1, 16], [1, 18], 16); },
    inputs: [[2823, 6342, 3258, 2805, 4640, 7247, -5778, -5950, 4774, 3589, 8639, 8118, -5900, -8916, 2633, -2059]],
    expected: [[1641, 0, -118, -648, 229, -2289, 1142, 1592, -151, -334, -1654, -944, 877, -409, 142, -550, 245, 0]],
  },
  {
    name: 'int16, frames of 5 zero-padded to 8, two frames',
    build(m) { rfft(m, 'int16', [2, 5], [2, 10], 8); },
    inputs: [[-10708, -14058, 15303, -17256, 19022, 5962, 9687, -9679, -19017, 14627]],
    expected: [[-962, 0, -3433, 855, -873, -399, -3998, 4679, 6864, 0, 197, 0, 1453, 2034, 3782, -3587, -3620, -385, 2529, 0]],
  },
  {
    name: 'int32, fft_length 16',
    build(m) { rfft(m, 'int32', [1, 16], [1, 18], 16); },
    inputs: [[-802450549, -817971757, -920614299, -256803573, -34604488, -944538092, 918841518, 327677459, 818324920, -234842902, -70241466, 189629556, 1072767529, -1054011738, -708717857, 890475063]],
    expected: [[-101692541, 0, -225278629, 81728449, 34706886, 90069173, 39824853, -45448543, 114673094, 262646436, -23401454, 161667192, -162492971, -60053255, -196338636, 12001181, 135855705, 0]],
  },
  {
    name: 'int32, frames of 6 zero-padded to 8, full-range samples',
    build(m) { rfft(m, 'int32', [2, 6], [2, 10], 8); },
    inputs: [[664867985, -952783075, -400382285, 2137417098, 220193243, 2128979379, 1854073920, 1461214683, -1790127445, 892535549, -1056584536, -793378307]],
    expected: [[474786543, 0, -405730313, 133516910, 160680439, 120152599, 516898997, 33421339, -353616807, 0, 70966733, 0, 484222312, -54403561, 323452102, 28087396, 243442300, -501935421, -319126247, 0]],
  },
  {
    name: 'float32, fft_length 16',
    build(m) { rfft(m, 'float32', [1, 16], [1, 18], 16); },
    inputs: [[1.0319602489471436, 0.05153856426477432, -1.8809922933578491, 0.2525690495967865, -1.5682923793792725, -1.5687875747680664, -0.8363884091377258, -1.7326940298080444, -1.9324381351470947, 0.7395899295806885, -1.1459932327270508, 1.708168625831604, -1.7907096147537231, -0.4981471598148346, 0.8355965614318848, -0.3208343982696533]],
    expected: [[-8.655854247510433, 0.0, 4.148341624354024, 4.617120065302625, 1.6409652145382028, -1.8332769947790082, 2.934494614953267, 2.897726565327261, -1.2317025065422058, 1.183015488088131, 1.6692039716472458, -0.9510973667607235, 3.276083001327886, -7.885664351537126, 3.1055533254224166, 1.657965074712444, -5.918660260736942, 0.0]],
    tolerance: 1e-5,
  },
  {
    name: 'float32, frames of 6 zero-padded to 8',
    build(m) { rfft(m, 'float32', [2, 6], [2, 10], 8); },
    inputs: [[0.2649669945240021, -1.2060394287109375, 0.699636697769165, -0.6524286270141602, -0.755161464214325, -1.9394019842147827, -0.35979631543159485, 1.691390872001648, -1.4616141319274902, 0.8280641436576843, -1.9561799764633179, -0.1402406096458435]],
    expected: [[-3.588427811861038, 0.0, 2.000030801205333, -0.7568656274322885, -1.189831167459488, 2.49301278591156, 0.04022611627132089, 0.6424077681060416, 4.0073122680187225, 0.0, -1.3983760178089142, 0.0, 2.3060129311016473, -0.4190746806179946, -0.8543621599674225, -0.7230861186981201, 0.8867543909617985, -3.342302944472975, -6.156804829835892, 0.0]],
    tolerance: 1e-5,
  },
  {
    name: 'refuses T = int8 (TFLM: int16, int32 or float32)',
    build(m) { rfft(m, 'int8', [1, 8], [1, 10], 8); },
    refused: /custom option 'T' = 9 is not int16, int32 or float32/,
  },
  {
    name: 'refuses an output dtype that is not T',
    build(m) {
      const x = m.tensor({ dtype: 'float32', shape: [1, 8] });
      const y = m.tensor({ dtype: 'int32', shape: [1, 10] });
      m.customOp('SignalRfft', [x], [y], encode({ T: T.float32, fft_length: 8 }));
      m.inputs(x).outputs(y);
    },
    refused: /output dtype int32 is not supported/,
  },
];
