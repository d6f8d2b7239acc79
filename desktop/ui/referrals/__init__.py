"""The referral editor: the sender's form, the CPI's handling, path actions and the timeline.

Open it through ``launcher.EditorLauncher`` (one window per referral); the window itself is
``editor.ReferralEditor``. Services do the work; these modules only lay out, collect and show.
"""
