package comment

import "context"

// Moderate applies one action to one comment on behalf of a moderator,
// recording it in the audit log in the same transaction.
func (s *Service) Moderate(ctx context.Context, id int64, a Action, by Moderator) (Comment, error) {
	c, err := s.Store.Comment(ctx, id)
	if err != nil {
		return Comment{}, err
	}
	from := c.Status
	audit := s.audit(by, string(a), c.ID, c.ArticleKey)
	e := Event{Kind: "moderated", Action: a, From: from, Moderator: by.Username}
	if a == ActDelete {
		e.Comment = c
		if err := s.Store.DeleteComment(ctx, &c, audit, s.jobs(e)); err != nil {
			return Comment{}, err
		}
		s.changed(ctx, e)
		return c, nil
	}
	c.Status, c.PrevStatus = a.Next(c.Status, c.PrevStatus)
	c.UpdatedAt = s.now()
	// A preview is for the author's wait before the first decision. Once
	// a moderator acted, the hash shows nothing ever again, also when an
	// unapprove or a restore makes the comment pending once more: a link
	// spread while it was approved must not keep showing it.
	c.Hash = ""
	e.Comment = c
	if err := s.Store.UpdateStatus(ctx, &c, audit, s.jobs(e)); err != nil {
		return Comment{}, err
	}
	s.changed(ctx, e)
	return c, nil
}

// Bulk applies one action to many comments; it stops at the first error
// and returns how many were done. Unknown ids are skipped.
func (s *Service) Bulk(ctx context.Context, ids []int64, a Action, by Moderator) (int, error) {
	done := 0
	for _, id := range ids {
		if _, err := s.Moderate(ctx, id, a, by); err != nil {
			if ErrorCode(err) == ENotFound {
				continue
			}
			return done, err
		}
		done++
	}
	return done, nil
}

// SetArticleState opens or closes comments on an article.
func (s *Service) SetArticleState(ctx context.Context, key string, st CommentState, by Moderator) error {
	if !ValidKey(key) {
		return Errorf(ENotFound, "not_found")
	}
	if _, err := s.Store.EnsureArticle(ctx, Article{Key: key, CreatedAt: s.now()}); err != nil {
		return err
	}
	if err := s.Store.SetArticleState(ctx, key, st, s.audit(by, "article_"+string(st), 0, key)); err != nil {
		return err
	}
	for _, f := range s.Changed {
		f(key)
	}
	return nil
}
