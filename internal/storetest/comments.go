package storetest

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"testing"

	"balasan/internal/comment"
)

// Every field goes in and comes back as it was, the email in plain text.
func testCreateAndRead(t *testing.T, s comment.Store) {
	ctx := context.Background()
	article(t, s, "k")
	score := 0.25
	parent := create(t, s, newComment("k", 1))
	c := &comment.Comment{ArticleKey: "k", ParentID: parent.ID, Author: "Siti Rahayu", AuthorURL: "https://siti.example/",
		Email: "Siti@Example.test", IP: "2001:db8::1", UserAgent: "Mozilla/5.0", Raw: "Setuju, <b>terima kasih</b>!",
		HTML: "<p>Setuju, <b>terima kasih</b>!</p>", Status: comment.Approved, Reason: "", SpamScore: &score,
		Hash: "h-siti", Notify: comment.NotifyAsked, CreatedAt: now(), UpdatedAt: now()}
	create(t, s, c)
	got, err := s.Comment(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, *c) {
		t.Fatalf("read back\n%+v\nwant\n%+v", got, *c)
	}
	if _, err := s.Comment(ctx, c.ID+100); comment.ErrorCode(err) != comment.ENotFound {
		t.Fatalf("missing comment: %v, want not found", err)
	}
	approved, err := s.Approved(ctx, "k")
	if err != nil || !slices.Equal(ids(approved), []int64{c.ID}) {
		t.Fatalf("Approved = %v, %v", ids(approved), err)
	}
	public, err := s.PublicApproved(ctx, "k")
	if err != nil || len(public) != 1 {
		t.Fatalf("PublicApproved = %v, %v", public, err)
	}
	if p := public[0]; p.Email != "" || p.IP != "" || p.UserAgent != "" || p.Raw != "" || p.HTML != c.HTML ||
		p.Author != c.Author || p.ParentID != parent.ID || !p.CreatedAt.Equal(c.CreatedAt) {
		t.Fatalf("PublicApproved shows %+v", p)
	}
	byID, err := s.CommentsByID(ctx, []int64{parent.ID, c.ID, c.ID + 100})
	if err != nil || len(byID) != 2 || byID[c.ID].Email != c.Email {
		t.Fatalf("CommentsByID = %v, %v", byID, err)
	}
	if empty, err := s.CommentsByID(ctx, nil); err != nil || len(empty) != 0 {
		t.Fatalf("CommentsByID(nil) = %v, %v", empty, err)
	}
	if last, err := s.LastCommentFrom(ctx, "2001:db8::1"); err != nil || !last.Equal(c.CreatedAt) {
		t.Fatalf("LastCommentFrom = %v, %v", last, err)
	}
	if last, err := s.LastCommentFrom(ctx, "192.0.2.9"); err != nil || !last.IsZero() {
		t.Fatalf("LastCommentFrom unknown = %v, %v", last, err)
	}
	// Lookups by email ignore its case, through the keyed hash.
	if mine, err := s.CommentsByEmail(ctx, "SITI@Example.TEST"); err != nil || len(mine) != 1 || mine[0].ID != c.ID {
		t.Errorf("CommentsByEmail in upper case = %v, %v", mine, err)
	}
}

// Comments sent together all get stored, each with its own id and jobs,
// whatever way each batch takes.
func testCreateConcurrent(t *testing.T, s comment.Store) {
	ctx := context.Background()
	article(t, s, "k")
	const n = 120
	got := make([]int64, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			c := newComment("k", i)
			if i%10 == 0 {
				c.Hash = "" // a batch holding one goes the one-by-one way
			}
			job := comment.Job{Kind: "mail", Payload: `{"id":` + comment.IDText(*c) + `}`}
			if err := s.CreateComment(ctx, c, []comment.Job{job}); err != nil {
				t.Error(err)
			}
			got[i] = c.ID
		})
	}
	wg.Wait()
	seen := map[int64]bool{}
	for i, id := range got {
		c, err := s.Comment(ctx, id)
		if err != nil || c.Raw != fmt.Sprintf("komentar %d", i) || seen[id] {
			t.Fatalf("comment %d: id %d, %q, %v", i, id, c.Raw, err)
		}
		seen[id] = true
	}
	if jobs, _ := s.PendingJobs(ctx, "mail"); jobs != n {
		t.Fatalf("%d jobs, want %d", jobs, n)
	}
	due, err := s.DueJobs(ctx, n)
	if err != nil || len(due) != n {
		t.Fatalf("DueJobs: %d, %v", len(due), err)
	}
	for _, j := range due {
		var id int64
		if _, err := fmt.Sscanf(j.Payload, `{"id":%d}`, &id); err != nil || !seen[id] {
			t.Fatalf("job payload %q does not name a stored comment", j.Payload)
		}
	}
	check(t, s)
}

// The same email's same text on the same article is refused, unless the
// first is in the trash.
func testDuplicates(t *testing.T, s comment.Store) {
	ctx := context.Background()
	article(t, s, "k")
	article(t, s, "other")
	first := create(t, s, newComment("k", 1))
	again := newComment("k", 1)
	again.Hash = "another"
	if has, err := s.HasDuplicate(ctx, again); err != nil || !has {
		t.Fatalf("HasDuplicate = %v, %v", has, err)
	}
	err := s.CreateComment(ctx, again, []comment.Job{{Kind: "mail", Payload: "{}"}})
	if comment.ErrorCode(err) != comment.EConflict {
		t.Fatalf("duplicate: %v, want conflict", err)
	}
	if n, _ := s.PendingJobs(ctx, "mail"); n != 0 {
		t.Fatalf("a refused duplicate queued %d jobs", n)
	}
	upper := newComment("k", 1)
	upper.Email, upper.Hash = "P1@EXAMPLE.TEST", "upper"
	if err := s.CreateComment(ctx, upper, nil); comment.ErrorCode(err) != comment.EConflict {
		t.Fatalf("the same address in capitals: %v, want conflict", err)
	}
	elsewhere := newComment("other", 1)
	create(t, s, elsewhere) // another article
	setStatus(t, s, first.ID, comment.Trash)
	if has, _ := s.HasDuplicate(ctx, again); has {
		t.Fatal("a trashed comment counts as a duplicate")
	}
	create(t, s, again)
}

// Copies sent at the same instant: exactly one is stored.
func testDuplicatesAtOnce(t *testing.T, s comment.Store) {
	ctx := context.Background()
	article(t, s, "k")
	const n = 8
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			c := newComment("k", 1)
			c.Hash = fmt.Sprintf("copy-%d", i)
			errs[i] = s.CreateComment(ctx, c, nil)
		})
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		switch comment.ErrorCode(err) {
		case comment.EConflict:
		default:
			if err != nil {
				t.Fatal(err)
			}
			ok++
		}
	}
	if list, _ := s.List(ctx, comment.Filter{Status: comment.Pending}); ok != 1 || len(list) != 1 {
		t.Fatalf("%d copies accepted, %d stored; want 1", ok, len(list))
	}
}

// Counts of statuses and of approved comments per article follow every
// change, including deletion.
func testCountsFollowStatus(t *testing.T, s comment.Store) {
	ctx := context.Background()
	article(t, s, "a")
	var cs []*comment.Comment
	for i := range 4 {
		cs = append(cs, create(t, s, newComment("a", i)))
	}
	setStatus(t, s, cs[0].ID, comment.Approved)
	setStatus(t, s, cs[1].ID, comment.Approved)
	setStatus(t, s, cs[2].ID, comment.Spam)
	del, _ := s.Comment(ctx, cs[0].ID)
	if err := s.DeleteComment(ctx, &del, audit("delete"), nil); err != nil {
		t.Fatal(err)
	}
	counts, err := s.StatusCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := map[comment.Status]int{comment.Pending: 1, comment.Approved: 1, comment.Spam: 1, comment.Trash: 0}
	if !reflect.DeepEqual(counts, want) {
		t.Errorf("status counts %v, want %v", counts, want)
	}
	n, err := s.ApprovedCounts(ctx, []string{"a", "unknown"})
	if err != nil || n["a"] != 1 || n["unknown"] != 0 || len(n) != 2 {
		t.Errorf("approved counts %v, %v", n, err)
	}
	if entries, _ := s.Audit(ctx, "redaksi", 0, 10); len(entries) != 4 {
		t.Errorf("audit has %d entries, want 4", len(entries))
	}
	missing := comment.Comment{ID: cs[3].ID + 1000, Status: comment.Approved, UpdatedAt: now()}
	if err := s.UpdateStatus(ctx, &missing, audit("approve"), nil); comment.ErrorCode(err) != comment.ENotFound {
		t.Errorf("UpdateStatus of a missing comment: %v", err)
	}
	check(t, s)
}

// Deleting a comment keeps its replies, moved up to its parent.
func testDeleteMovesRepliesUp(t *testing.T, s comment.Store) {
	ctx := context.Background()
	article(t, s, "k")
	top := create(t, s, newComment("k", 1))
	mid := newComment("k", 2)
	mid.ParentID = top.ID
	create(t, s, mid)
	reply := newComment("k", 3)
	reply.ParentID = mid.ID
	create(t, s, reply)
	if err := s.DeleteComment(ctx, mid, audit("delete"), []comment.Job{{Kind: "webhook", Payload: "{}"}}); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Comment(ctx, reply.ID); err != nil || got.ParentID != top.ID {
		t.Fatalf("reply's parent %d, %v; want %d", got.ParentID, err, top.ID)
	}
	if _, err := s.Comment(ctx, mid.ID); comment.ErrorCode(err) != comment.ENotFound {
		t.Fatalf("deleted comment still read: %v", err)
	}
	if n, _ := s.QueuedJobs(ctx, "webhook"); n != 1 {
		t.Fatalf("%d webhook jobs, want 1", n)
	}
	check(t, s)
}

// A moderator's edit and reply are stored with their audit entries.
func testEditAndStaffReply(t *testing.T, s comment.Store) {
	ctx := context.Background()
	article(t, s, "k")
	c := create(t, s, newComment("k", 1))
	c.Raw, c.HTML, c.UpdatedAt = "diubah", "<p>diubah</p>", now()
	if err := s.UpdateContent(ctx, c, audit("edit")); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Comment(ctx, c.ID); got.Raw != "diubah" || got.HTML != "<p>diubah</p>" {
		t.Fatalf("after edit: %+v", got)
	}
	staff := &comment.Comment{ArticleKey: "k", ParentID: c.ID, Author: "Redaksi", Email: "redaksi@example.test",
		Raw: "Terima kasih", HTML: "<p>Terima kasih</p>", Status: comment.Approved, Staff: true, Hash: "s",
		CreatedAt: now(), UpdatedAt: now()}
	if err := s.CreateStaffComment(ctx, staff, audit("reply"), nil); err != nil || staff.ID == 0 {
		t.Fatalf("CreateStaffComment: id %d, %v", staff.ID, err)
	}
	if got, _ := s.Comment(ctx, staff.ID); !got.Staff || got.ParentID != c.ID || got.Status != comment.Approved {
		t.Fatalf("staff reply read back %+v", got)
	}
	entries, _ := s.Audit(ctx, "", 0, 10)
	if len(entries) != 2 || entries[0].Action != "reply" || entries[0].CommentID != staff.ID || entries[1].Action != "edit" {
		t.Fatalf("audit %+v", entries)
	}
	missing := comment.Comment{ID: staff.ID + 1000, Raw: "x", HTML: "x", UpdatedAt: now()}
	if err := s.UpdateContent(ctx, &missing, audit("edit")); comment.ErrorCode(err) != comment.ENotFound {
		t.Fatalf("edit of a missing comment: %v", err)
	}
	check(t, s)
}

func testNotify(t *testing.T, s comment.Store) {
	ctx := context.Background()
	article(t, s, "k")
	asked := newComment("k", 1)
	asked.Notify = comment.NotifyAsked
	create(t, s, asked)
	sameAuthor := newComment("k", 1)
	sameAuthor.Raw, sameAuthor.Hash, sameAuthor.Notify = "lagi", "h2", comment.NotifyConfirmed
	create(t, s, sameAuthor)
	never := create(t, s, newComment("k", 2))
	if ok, err := s.ConfirmNotify(ctx, never.ID); err != nil || ok {
		t.Fatalf("confirm without asking: %v, %v", ok, err)
	}
	if ok, err := s.ConfirmNotify(ctx, asked.ID); err != nil || !ok {
		t.Fatalf("confirm: %v, %v", ok, err)
	}
	if ok, _ := s.ConfirmNotify(ctx, asked.ID); !ok {
		t.Fatal("confirming twice is refused")
	}
	if got, _ := s.Comment(ctx, asked.ID); got.Notify != comment.NotifyConfirmed {
		t.Fatalf("notify %v", got.Notify)
	}
	if err := s.StopNotify(ctx, asked.ID); err != nil {
		t.Fatal(err)
	}
	for _, id := range []int64{asked.ID, sameAuthor.ID} {
		if got, _ := s.Comment(ctx, id); got.Notify != comment.NotifyNone {
			t.Fatalf("comment %d still notifies: %v", id, got.Notify)
		}
	}
}

func testExport(t *testing.T, s comment.Store) {
	ctx := context.Background()
	article(t, s, "b")
	article(t, s, "a")
	article(t, s, "empty")
	c1 := create(t, s, newComment("b", 1))
	c2 := create(t, s, newComment("a", 2))
	c3 := create(t, s, newComment("b", 3))
	var keys []string
	byKey := map[string][]int64{}
	err := s.Export(ctx, func(a comment.Article, cs []comment.Comment) error {
		keys = append(keys, a.Key)
		byKey[a.Key] = ids(cs)
		for _, c := range cs {
			if c.Email == "" {
				t.Errorf("exported comment %d has no email", c.ID)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(keys, []string{"a", "b", "empty"}) || !slices.Equal(byKey["b"], []int64{c1.ID, c3.ID}) ||
		!slices.Equal(byKey["a"], []int64{c2.ID}) || len(byKey["empty"]) != 0 {
		t.Fatalf("export gave %v %v", keys, byKey)
	}
}
