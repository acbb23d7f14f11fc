package comment

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Submit checks a reader's comment, decides where it goes and stores it.
func (s *Service) Submit(ctx context.Context, in Input) (Comment, error) {
	in = in.Clean()
	author := s.Sanitizer.Text(in.Author)
	if errs := in.Validate(author); errs != nil {
		return Comment{}, &Error{Code: EInvalid, Key: "invalid", Fields: errs}
	}
	c := Comment{
		ArticleKey: in.ArticleKey, Author: author, Email: in.Email,
		IP: in.IP, UserAgent: in.UserAgent, Raw: in.Content, Status: Pending,
		Hash: newHash(), CreatedAt: s.now(),
	}
	c.UpdatedAt = c.CreatedAt
	if in.URL != "" {
		c.AuthorURL, _ = NormalizeURL(in.URL)
	}
	if c.HTML = s.Sanitizer.Comment(in.Content); c.HTML == "" {
		// Only markup that the policy removes, e.g. a lone <img>: WordPress
		// stores an empty comment; we tell the reader instead.
		return Comment{}, &Error{Code: EInvalid, Key: "invalid", Fields: map[string]string{FieldContent: "comment_required"}}
	}
	if in.Notify {
		c.Notify = NotifyAsked
	}
	if err := s.checkArticle(ctx, in); err != nil {
		return Comment{}, err
	}
	if err := s.checkParent(ctx, &c, in.Parent); err != nil {
		return Comment{}, err
	}
	if err := s.checkFlood(ctx, &c); err != nil {
		return Comment{}, err
	}
	if err := s.decide(ctx, &c, in); err != nil {
		return Comment{}, err
	}
	e := Event{Kind: "new", Comment: c}
	if err := s.Store.CreateComment(ctx, &c, s.jobs(e)); err != nil {
		return Comment{}, err
	}
	e.Comment = c
	s.changed(ctx, e)
	return c, nil
}

func (s *Service) checkArticle(ctx context.Context, in Input) error {
	a, err := s.Store.EnsureArticle(ctx, Article{Key: in.ArticleKey, CreatedAt: s.now()})
	if err != nil {
		return err
	}
	if !a.Open(s.now(), s.Live().CloseAfter) {
		return Errorf(EClosed, "closed")
	}
	return nil
}

func (s *Service) checkParent(ctx context.Context, c *Comment, raw string) error {
	id, _ := ParseParent(raw)
	if id == 0 {
		return nil
	}
	p, err := s.Store.Comment(ctx, id)
	if err != nil && ErrorCode(err) != ENotFound {
		return err
	}
	if err != nil || p.Status != Approved || p.ArticleKey != c.ArticleKey {
		return &Error{Code: EInvalid, Key: "invalid", Fields: map[string]string{FieldParent: "parent_invalid"}}
	}
	c.ParentID = id
	return nil
}

// checkFlood refuses a client's comment that follows its last one too
// soon. Duplicates are refused when stored (CreateComment), but WordPress
// names a duplicate before a flood: a reader who sends again at once
// learns that the comment already arrived, so a flood is checked for one.
func (s *Service) checkFlood(ctx context.Context, c *Comment) error {
	if s.Config.FloodInterval <= 0 || c.IP == "" {
		return nil
	}
	last, err := s.Store.LastCommentFrom(ctx, c.IP)
	if err != nil || last.IsZero() {
		return err
	}
	wait := s.Config.FloodInterval - s.now().Sub(last)
	if wait <= 0 {
		return nil
	}
	if dup, err := s.Store.HasDuplicate(ctx, c); err != nil {
		return err
	} else if dup {
		return Errorf(EConflict, "duplicate")
	}
	return &Error{Code: ETooMany, Key: "flood", RetryAfter: wait}
}

// decide applies the rules in WordPress's spirit, strictest first: what is
// certainly spam goes to spam, what looks doubtful waits with a reason,
// and under the trusted policy a known author is approved at once.
func (s *Service) decide(ctx context.Context, c *Comment, in Input) error {
	rules := s.currentRules()
	if in.Honeypot != "" {
		c.Status, c.Reason = Spam, "honeypot"
		return nil
	}
	if k, ok := rules.disallowed.match(c, s.fold()); ok {
		c.Status, c.Reason = Spam, "disallowed_keys: "+k
		return nil
	}
	likely := ""
	if s.Scorer != nil {
		if likely = s.score(c, s.stampValid(in.FormStamp)); c.Status == Spam {
			return nil
		}
	}
	if k, ok := rules.moderation.match(c, s.fold()); ok {
		c.Reason = "moderation_keys: " + k
		return nil
	}
	if n, max := s.Sanitizer.CountLinks(c.Raw), s.Live().MaxLinks; max >= 0 && n > max {
		c.Reason = fmt.Sprintf("links: %d", n)
		return nil
	}
	if s.Config.MinSubmit > 0 && in.FormStamp != "" {
		if age, ok := StampAge(s.Config.StampKey, in.FormStamp, s.now()); ok && age < s.Config.MinSubmit {
			c.Reason = fmt.Sprintf("too_fast: %s", age.Round(time.Millisecond))
			return nil
		}
	}
	if likely != "" {
		c.Reason = likely
		return nil
	}
	if s.Live().Policy == PolicyTrusted {
		ok, err := s.provenAuthor(ctx, c, in.AuthorToken)
		if err != nil {
			return err
		}
		if ok {
			c.Status = Approved
		}
	}
	return nil
}

// stampLikelihood is how much likelier a submission without a valid form
// stamp is to be spam than not: every form we serve (the embed page, the
// widget) carries one, so its absence says the form was not ours or was
// replayed by a script; but a plain WordPress form whose action was
// changed has none either, so it is evidence, not a verdict.
const stampLikelihood = 3.0

// stampValid reports whether a form stamp is ours (signed by our key).
func (s *Service) stampValid(stamp string) bool {
	_, ok := StampAge(s.Config.StampKey, stamp, s.now())
	return ok
}

// withStampEvidence adds the stamp to the learned score as one more
// independent piece of evidence (naive Bayes: the odds are multiplied by
// its likelihood ratio). A model without an opinion (0.5) gives 0.75 for
// a stampless submission: the "Mungkin spam" band with the starter model,
// shown to moderators. The stamp alone never sends a comment to spam
// (see score), and the ratio is kept low, because a site's own WordPress
// form has no stamp at all.
func withStampEvidence(score float64, stamped bool) float64 {
	if stamped || score <= 0 || score >= 1 {
		return score
	}
	odds := score / (1 - score) * stampLikelihood
	return odds / (1 + odds)
}

// LikelySpamReason starts the reason of a comment in the "Mungkin spam"
// band; the dashboard lists those on their own.
const LikelySpamReason = "likely_spam"

// score records the learned spam score and sends the comment to spam
// when the text alone reaches SpamThreshold. It returns the reason of the
// "Mungkin spam" band (the evidence that weighed most) when the score,
// with a missing or foreign form stamp counted against it, reaches
// LikelySpamThreshold: the caller holds the comment with it unless a
// moderator's rule gave a reason of its own. A missing stamp never sends
// a comment to spam by itself: a site's own WordPress form has none.
func (s *Service) score(c *Comment, stamped bool) (likely string) {
	var score float64
	var why []string
	if e, ok := s.Scorer.(Explainer); ok {
		score, why = e.Explain(c.Raw)
	} else {
		score = s.Scorer.Score(c.Raw)
	}
	if s.Config.SpamThreshold > 0 && score >= s.Config.SpamThreshold {
		c.SpamScore = &score
		c.Status, c.Reason = Spam, fmt.Sprintf("spam_score: %.3f", score)
		return ""
	}
	if !stamped {
		score = withStampEvidence(score, false)
		why = append(why, "no_form_stamp")
	}
	c.SpamScore = &score
	if s.Config.LikelySpamThreshold <= 0 || score < s.Config.LikelySpamThreshold {
		return ""
	}
	likely = fmt.Sprintf("%s: %.3f", LikelySpamReason, score)
	if len(why) > 0 {
		likely += " (" + strings.Join(why, ", ") + ")"
	}
	return likely
}
