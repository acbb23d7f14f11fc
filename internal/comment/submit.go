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
	if !a.Open(s.now(), s.Config.CloseAfter) {
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
	if s.Scorer != nil && s.score(c) {
		return nil
	}
	if k, ok := rules.moderation.match(c, s.fold()); ok {
		c.Reason = "moderation_keys: " + k
		return nil
	}
	if n := s.Sanitizer.CountLinks(c.Raw); s.Config.MaxLinks >= 0 && n > s.Config.MaxLinks {
		c.Reason = fmt.Sprintf("links: %d", n)
		return nil
	}
	if s.Config.MinSubmit > 0 && in.FormStamp != "" {
		if age, ok := StampAge(s.Config.StampKey, in.FormStamp, s.now()); ok && age < s.Config.MinSubmit {
			c.Reason = fmt.Sprintf("too_fast: %s", age.Round(time.Millisecond))
			return nil
		}
	}
	if s.Config.Policy == PolicyTrusted {
		ok, err := s.Store.HasApproved(ctx, c.Email)
		if err != nil {
			return err
		}
		if ok {
			c.Status = Approved
		}
	}
	return nil
}

// LikelySpamReason starts the reason of a comment in the "Mungkin spam"
// band; the dashboard lists those on their own.
const LikelySpamReason = "likely_spam"

// score records the learned spam score and reports whether it decided:
// sent to spam above SpamThreshold, or held as likely spam with the
// evidence that weighed most (which also keeps the trusted policy from
// approving it).
func (s *Service) score(c *Comment) bool {
	var score float64
	var why []string
	if e, ok := s.Scorer.(Explainer); ok {
		score, why = e.Explain(c.Raw)
	} else {
		score = s.Scorer.Score(c.Raw)
	}
	c.SpamScore = &score
	switch {
	case s.Config.SpamThreshold > 0 && score >= s.Config.SpamThreshold:
		c.Status, c.Reason = Spam, fmt.Sprintf("spam_score: %.3f", score)
	case s.Config.LikelySpamThreshold > 0 && score >= s.Config.LikelySpamThreshold:
		c.Reason = fmt.Sprintf("%s: %.3f", LikelySpamReason, score)
		if len(why) > 0 {
			c.Reason += " (" + strings.Join(why, ", ") + ")"
		}
	default:
		return false
	}
	return true
}
