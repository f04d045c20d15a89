using System.Runtime.InteropServices;

namespace CollectIq.Speech.SpeechToText.PocketSphinx;

/// <summary>
/// P/Invoke surface of Debian's pocketsphinx 5prealpha (libpocketsphinx3 + libsphinxbase3).
/// cmd_ln_init is variadic (not callable from .NET on Linux), so configs go through cmd_ln_parse_r.
/// Strings the decoder returns are decoder-owned: marshal as IntPtr and copy.
/// </summary>
internal static unsafe class PocketSphinxNative
{
    private const string Ps = "libpocketsphinx.so.3";
    private const string Sb = "libsphinxbase.so.3";

    [DllImport(Ps)] public static extern IntPtr ps_args();
    [DllImport(Ps)] public static extern IntPtr ps_init(IntPtr config);
    [DllImport(Ps)] public static extern int ps_free(IntPtr ps);
    [DllImport(Ps)] public static extern int ps_set_jsgf_string(IntPtr ps, [MarshalAs(UnmanagedType.LPStr)] string name, [MarshalAs(UnmanagedType.LPStr)] string jsgf);
    [DllImport(Ps)] public static extern int ps_set_lm_file(IntPtr ps, [MarshalAs(UnmanagedType.LPStr)] string name, [MarshalAs(UnmanagedType.LPStr)] string path);
    [DllImport(Ps)] public static extern int ps_set_allphone_file(IntPtr ps, [MarshalAs(UnmanagedType.LPStr)] string name, [MarshalAs(UnmanagedType.LPStr)] string? path);
    [DllImport(Ps)] public static extern int ps_add_word(IntPtr ps, [MarshalAs(UnmanagedType.LPStr)] string word, [MarshalAs(UnmanagedType.LPStr)] string phones, int update);
    [DllImport(Ps)] public static extern int ps_unset_search(IntPtr ps, [MarshalAs(UnmanagedType.LPStr)] string name);
    [DllImport(Ps)] public static extern int ps_set_search(IntPtr ps, [MarshalAs(UnmanagedType.LPStr)] string name);
    [DllImport(Ps)] public static extern int ps_start_utt(IntPtr ps);
    [DllImport(Ps)] public static extern int ps_process_raw(IntPtr ps, short* data, nuint samples, int noSearch, int fullUtterance);
    [DllImport(Ps)] public static extern int ps_end_utt(IntPtr ps);
    [DllImport(Ps)] public static extern IntPtr ps_get_hyp(IntPtr ps, out int bestScore);
    [DllImport(Ps)] public static extern int ps_get_prob(IntPtr ps);
    [DllImport(Ps)] public static extern int ps_get_n_frames(IntPtr ps);
    [DllImport(Ps)] public static extern IntPtr ps_get_logmath(IntPtr ps);
    [DllImport(Ps)] public static extern IntPtr ps_nbest(IntPtr ps);
    [DllImport(Ps)] public static extern IntPtr ps_nbest_next(IntPtr nbest);
    [DllImport(Ps)] public static extern IntPtr ps_nbest_hyp(IntPtr nbest, out int score);
    [DllImport(Ps)] public static extern void ps_nbest_free(IntPtr nbest);
    [DllImport(Ps)] public static extern IntPtr ps_seg_iter(IntPtr ps);
    [DllImport(Ps)] public static extern IntPtr ps_seg_next(IntPtr seg);
    [DllImport(Ps)] public static extern IntPtr ps_seg_word(IntPtr seg);
    [DllImport(Ps)] public static extern void ps_seg_frames(IntPtr seg, out int startFrame, out int endFrame);
    [DllImport(Ps)] public static extern int ps_seg_prob(IntPtr seg, out int acousticScore, out int lmScore, out int lmBackoff);
    [DllImport(Ps)] public static extern void ps_seg_free(IntPtr seg);

    [DllImport(Sb)] public static extern IntPtr cmd_ln_parse_r(IntPtr config, IntPtr definitions, int argc, IntPtr* argv, int strict);
    [DllImport(Sb)] public static extern int cmd_ln_free_r(IntPtr config);
    [DllImport(Sb)] public static extern double logmath_exp(IntPtr logmath, int logb);
    [DllImport(Sb)] public static extern double logmath_log_to_ln(IntPtr logmath, int logb);
    [DllImport(Sb)] public static extern void err_set_logfp(IntPtr fp);

    public static string? String(IntPtr p) => p == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(p);
}
